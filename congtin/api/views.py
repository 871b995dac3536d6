"""The documentation page: the endpoints, their parameters and examples, in
Vietnamese, rendered on the server from the generated schema (no script, nothing
from another site: the public Content-Security-Policy allows only 'self')."""

from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from .api import api

_METHODS = ("get",)


def endpoints(schema: dict) -> list[dict]:
    """(path, summary, tag, parameters) of every operation, in schema order."""
    result = []
    for path, operations in schema["paths"].items():
        for method in _METHODS:
            operation = operations.get(method)
            if operation is None:
                continue
            result.append(
                {
                    "path": path,
                    "example": path.replace("{pk}", "1"),
                    "summary": operation.get("summary", ""),
                    "tag": (operation.get("tags") or [""])[0],
                    "parameters": [
                        {
                            "name": p["name"],
                            "where": "đường dẫn" if p["in"] == "path" else "tham số",
                            "description": p.get("description", ""),
                        }
                        for p in operation.get("parameters", [])
                    ],
                }
            )
    return result


@require_safe
def docs(request):
    schema = api.get_openapi_schema()
    return render(
        request,
        "api/docs.html",
        {
            "schema_url": request.build_absolute_uri(f"{request.path}schema/"),
            "base_url": request.build_absolute_uri(request.path).rstrip("/"),
            "endpoints": endpoints(schema),
            "title": schema["info"]["title"],
        },
    )


def not_found(request, *args, **kwargs):
    """Any other address under /api/v1/: the API's JSON 404, not the HTML page."""
    response = JsonResponse(
        {
            "loi": "Không có địa chỉ này trong API; xem danh sách tại /api/v1/.",
            "error": "No such API address; see /api/v1/ for the list.",
        },
        status=404,
        json_dumps_params={"ensure_ascii": False},
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response
