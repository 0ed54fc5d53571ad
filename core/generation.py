"""The generation of what the public sees, and values cached until it changes.

Every cached entry is stored with the generation it was computed in. Anything that
changes what the public sees counted or listed starts a new generation, and older
entries are never read again. Each app says which of its saves do that, with
receivers it connects in its AppConfig.ready; a change made behind the ORM's back
(raw SQL, QuerySet.update) shows within ENTRY_TIMEOUT.

The generation is bookkeeping, kept in the default cache under one key of its own; the
entries, keyed by what visitors ask for, are kept in another (settings.ENTRIES_CACHE),
so that no flood of entries can push the generation out. If the generation cannot be
read (the cache is down), nothing is read from or stored in the entries: everything is
computed afresh until it can be, so a change is never hidden behind an old entry.
"""

import time
from contextvars import ContextVar

from django.conf import settings
from django.core.cache import cache, caches
from django.db import transaction

GENERATION_KEY = "counts:generation"
ENTRY_TIMEOUT = 10 * 60

# The generation as first read in the request being served (OneGenerationPerRequest).
_read_in_request = ContextVar("generation_read_in_request", default=None)


class OneGenerationPerRequest:
    """Middleware: a request reads the generation once, however many kept values it uses.

    A page reads its counts, facets and kept page under one generation rather than
    asking the cache again for each (a place's page asked six times), and they then
    agree with each other even if a publication elsewhere starts a new one meanwhile.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _read_in_request.set({})
        try:
            return self.get_response(request)
        finally:
            _read_in_request.reset(token)


def entries():
    """The cache of entries kept for a generation."""
    return caches[settings.ENTRIES_CACHE]


def published_changed():
    _new_generation()
    # Again once the change is committed: a request that read the old rows while the
    # transaction was open may have stored them under the first new generation.
    transaction.on_commit(_new_generation)


def _new_generation():
    cache.set(GENERATION_KEY, time.time_ns(), None)
    # A request that changed what is published reads the new generation afresh.
    read = _read_in_request.get()
    if read is not None:
        read.clear()


def generation():
    """The current generation, started now if there is none; None if it cannot be read."""
    read = _read_in_request.get()
    if read:
        return read["current"]
    current = cache.get(GENERATION_KEY)
    if current is None:
        cache.add(GENERATION_KEY, time.time_ns(), None)
        current = cache.get(GENERATION_KEY)
    if read is not None and current is not None:
        read["current"] = current
    return current


def cached(computations):
    """Values by key, from the cache when fresh, else computed by the given callables.

    One read of the generation and one of the entries answer every key when all are fresh.
    """
    current = generation()
    found = entries().get_many(list(computations)) if current is not None else {}
    values = {}
    for key, compute in computations.items():
        entry = found.get(key)
        if entry is not None and entry[0] == current:
            values[key] = entry[1]
        else:
            values[key] = compute()
            if current is not None:
                entries().set(key, (current, values[key]), ENTRY_TIMEOUT)
    return values
