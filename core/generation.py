"""The generation of what the public sees, and values cached until it changes.

Every cached entry is stored with the generation it was computed in. Anything that
changes what the public sees counted or listed starts a new generation, and older
entries are never read again. Each app says which of its saves do that, with
receivers it connects in its AppConfig.ready; a change made behind the ORM's back
(raw SQL, QuerySet.update) shows within ENTRY_TIMEOUT.
"""

import time

from django.core.cache import cache
from django.db import transaction

GENERATION_KEY = "counts:generation"
ENTRY_TIMEOUT = 10 * 60


def published_changed():
    _new_generation()
    # Again once the change is committed: a request that read the old rows while the
    # transaction was open may have stored them under the first new generation.
    transaction.on_commit(_new_generation)


def _new_generation():
    cache.set(GENERATION_KEY, time.time_ns(), None)


def generation():
    """The current generation, started now if there is none."""
    current = cache.get(GENERATION_KEY)
    if current is None:
        cache.add(GENERATION_KEY, time.time_ns(), None)
        current = cache.get(GENERATION_KEY)
    return current


def cached(computations):
    """Values by key, from the cache when fresh, else computed by the given callables.

    One cache read answers every key when all are fresh.
    """
    found = cache.get_many([GENERATION_KEY, *computations])
    # Never set, or evicted: a new generation starts, so nothing older is trusted.
    current = found.get(GENERATION_KEY) or generation()
    values = {}
    for key, compute in computations.items():
        entry = found.get(key)
        if entry is not None and entry[0] == current:
            values[key] = entry[1]
        else:
            values[key] = compute()
            cache.set(key, (current, values[key]), ENTRY_TIMEOUT)
    return values
