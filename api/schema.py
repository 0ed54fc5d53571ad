"""Additions to the generated OpenAPI description that no single view declares."""

ERROR = {
    "type": "object",
    "description": "`detail` for the whole request, or the name of each query parameter "
    "that could not be used with a list of messages about it.",
    "additionalProperties": True,
}

RESPONSES = {
    "304": {"description": "Not Modified: the copy named in If-None-Match is current."},
    "400": {"description": "A query parameter could not be used."},
    "404": {"description": "No published object at this address."},
    "429": {
        "description": "Too many requests from this client: wait Retry-After seconds.",
        "headers": {"Retry-After": {"schema": {"type": "integer", "minimum": 1}}},
    },
}


def document_shared_responses(result, generator, request, public):
    """Every operation can answer 304, 400, 404 and 429, each (but 304) as JSON."""
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR
    for operations in result["paths"].values():
        for operation in operations.values():
            for status, response in RESPONSES.items():
                response = dict(response)
                if status != "304":
                    response["content"] = {
                        "application/json": {"schema": {"$ref": "#/components/schemas/Error"}}
                    }
                operation["responses"].setdefault(status, response)
    return result
