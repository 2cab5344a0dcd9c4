"""Layer 7: the demo publisher (`manage.py load_demo`)."""
