from oscar.apps.dashboard import apps


class DashboardConfig(apps.DashboardConfig):
    """Oscar's dashboard, forked only so that Oscar's class loader finds the forms of
    our `dashboard.catalogue` fork (it resolves sub-apps through this app)."""

    name = "shop.dashboard"
