"""The HTTP base every HTTP adapter and the runbook's http actions are built on.

- `client.new_client`: the one httpx client factory (timeouts, no redirects, user agent);
- `errors`: the one transport ladder and the one status → SourceError mapping;
- `limits`: the `Budget` record and rate-limit header numbers;
- `api.JsonApi`: a source's requests, with a vendor's error words and pacing plugged in.

Pacing policies stay in the vendor packages, because they differ on purpose.
"""

from warroom.sources.http.api import Answer, JsonApi, RatePolicy, RetryAfterOnly, Vendor
from warroom.sources.http.errors import NotFound, response_error, status_error, transport_error
from warroom.sources.http.limits import (
    DEFAULT_RETRY_AFTER,
    Budget,
    header,
    header_number,
    retry_after,
)

__all__ = [
    "DEFAULT_RETRY_AFTER",
    "Answer",
    "Budget",
    "JsonApi",
    "NotFound",
    "RatePolicy",
    "RetryAfterOnly",
    "Vendor",
    "header",
    "header_number",
    "response_error",
    "retry_after",
    "status_error",
    "transport_error",
]
