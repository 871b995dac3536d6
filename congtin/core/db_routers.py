"""Read replicas for public traffic; editors and every write use the primary.

``ReplicaRouter`` sends a read to the "replica" database only while
``PublicReadsMiddleware`` has marked the current request as an anonymous
GET/HEAD outside the admin, so that editors always see what they just saved.
"""

from contextvars import ContextVar

from congtin.pagecache.store import changed_recently

_replica_allowed: ContextVar[bool] = ContextVar(
    "congtin_replica_allowed", default=False
)


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        return "replica" if _replica_allowed.get() else "default"

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"


class PublicReadsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        allowed = (
            request.method in ("GET", "HEAD")
            and "sessionid" not in request.COOKIES
            and not request.path.startswith(("/admin/", "/django-admin/"))
            # Just after a change the replica may not show it yet, and the page
            # cache would keep what this request renders.
            and not changed_recently()
        )
        token = _replica_allowed.set(allowed)
        try:
            return self.get_response(request)
        finally:
            _replica_allowed.reset(token)
