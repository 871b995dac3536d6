from django.contrib.admin.apps import AdminConfig as DjangoAdminConfig


class AdminConfig(DjangoAdminConfig):
    """django.contrib.admin (/django-admin/) on a site that asks for the second
    factor too (``admin_site.SecondFactorAdminSite``)."""

    default_site = "congtin.twofactor.admin_site.SecondFactorAdminSite"
