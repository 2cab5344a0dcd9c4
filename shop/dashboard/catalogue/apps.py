from oscar.apps.dashboard.catalogue import apps


class CatalogueDashboardConfig(apps.CatalogueDashboardConfig):
    """Oscar's catalogue dashboard with a product form that edits magazine topics."""

    name = "shop.dashboard.catalogue"
