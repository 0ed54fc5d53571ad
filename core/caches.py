"""The Observatory's cache backends: an accelerator that can fail without failing the site.

Both backends, on the database and on Redis, behave as Django's own except that:

- they fail soft: if the cache cannot be reached (Redis stopped, its table dropped), a
  read finds nothing, a write is skipped and a warning is logged, so every page still
  answers (computed afresh) and every write still succeeds. After a failure the cache
  is left alone for a few seconds, so a request does not wait on a dead server again
  and again, and the log says so once rather than on every call;
- the database one increments a counter atomically (rate limits count every request);
- the database one never evicts an entry that has not expired to make room for another:
  when full, a new entry is not stored. Flooding the cache with distinct addresses can
  then only fill it for a while; it cannot push out anyone else's entries, and the
  bookkeeping (core/generation.py) lives in a cache of its own that visitors' addresses
  never reach (settings.CACHES).
"""

import base64
import logging
import pickle
import threading
import time
from contextlib import contextmanager

from django.core.cache.backends import db, redis
from django.db import DatabaseError, connections, router, transaction
from django.utils.timezone import now
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

# How long a cache that failed is left alone before it is tried again.
REST_SECONDS = 5

_resting_until = {}
_resting_lock = threading.Lock()


# What an increment answers when it cannot count: the ValueError a missing key raises,
# on which django-ratelimit lets the request through (RATELIMIT_FAIL_OPEN).
_UNCOUNTED = object()


def _fallback(fallback, args):
    if fallback is _UNCOUNTED:
        raise ValueError(f"Key '{args[0]}' could not be counted")
    return fallback


class FailSoftMixin:
    """Every cache call that fails, or is made while the cache rests, finds nothing."""

    failures = (DatabaseError, RedisError, OSError)

    def get(self, key, default=None, version=None):
        return self._soft("read", default, super().get, key, default, version)

    def get_many(self, keys, version=None):
        return self._soft("read", {}, super().get_many, keys, version)

    def has_key(self, key, version=None):
        return self._soft("read", False, super().has_key, key, version)

    def set(self, key, value, timeout=db.DEFAULT_TIMEOUT, version=None):
        return self._soft("write", None, super().set, key, value, timeout, version)

    def set_many(self, data, timeout=db.DEFAULT_TIMEOUT, version=None):
        return self._soft("write", list(data), super().set_many, data, timeout, version)

    def add(self, key, value, timeout=db.DEFAULT_TIMEOUT, version=None):
        return self._soft("write", False, super().add, key, value, timeout, version)

    def touch(self, key, timeout=db.DEFAULT_TIMEOUT, version=None):
        return self._soft("write", False, super().touch, key, timeout, version)

    def delete(self, key, version=None):
        return self._soft("write", False, super().delete, key, version)

    def delete_many(self, keys, version=None):
        return self._soft("write", None, super().delete_many, keys, version)

    def incr(self, key, delta=1, version=None):
        return self._soft("count", _UNCOUNTED, super().incr, key, delta, version)

    def clear(self):
        return self._soft("write", None, super().clear)

    @property
    def _where(self):
        return getattr(self, "_table", None) or str(getattr(self, "_servers", ""))

    def _soft(self, what, fallback, call, *args):
        """call(*args); if the cache fails, or rests after failing, the fallback instead."""
        if time.monotonic() < _resting_until.get(self._where, 0):
            return _fallback(fallback, args)
        try:
            if what == "read":
                return call(*args)
            with self._guard():
                return call(*args)
        except self.failures as error:
            with _resting_lock:
                _resting_until[self._where] = time.monotonic() + REST_SECONDS
            logger.warning(
                "The cache %s could not %s (%s); carrying on without it for %s seconds.",
                self._where,
                what,
                error,
                REST_SECONDS,
            )
            return _fallback(fallback, args)

    @contextmanager
    def _guard(self):
        yield


class DatabaseCache(FailSoftMixin, db.DatabaseCache):
    """Django's database cache: fail-soft, atomic increments, no eviction when full."""

    def get(self, key, default=None, version=None):
        # Django's reads through get_many, which fails soft by itself.
        return self.get_many([key], version).get(key, default)

    @contextmanager
    def _guard(self):
        # Inside a transaction, a failed statement would abort the whole transaction on
        # PostgreSQL, taking the write that asked for the cache with it: a savepoint
        # confines the failure to the cache's own statements. Writes are made within
        # transactions (a status change starts a new generation); reads are not, and go
        # without the savepoint's two extra round trips.
        alias = router.db_for_write(self.cache_model_class)
        if connections[alias].in_atomic_block:
            with transaction.atomic(using=alias):
                yield
        else:
            yield

    def incr(self, key, delta=1, version=None):
        return self._soft("count", _UNCOUNTED, self._locked_incr, key, delta, version)

    def _locked_incr(self, key, delta, version):
        # Django's own reads the value and writes it back, so two requests counted at
        # the same instant would count once. Here the row is locked between the two
        # (SELECT ... FOR UPDATE); SQLite lets one writer in at a time to the same end.
        key = self.make_and_validate_key(key, version=version)
        alias = router.db_for_write(self.cache_model_class)
        connection = connections[alias]
        quote = connection.ops.quote_name
        table, cache_key = quote(self._table), quote("cache_key")
        lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
        current = now().replace(microsecond=0, tzinfo=None)
        with transaction.atomic(using=alias), connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {quote('value')} FROM {table} "
                f"WHERE {cache_key} = %s AND {quote('expires')} > %s{lock}",
                [key, connection.ops.adapt_datetimefield_value(current)],
            )
            row = cursor.fetchone()
            if row is None:
                raise ValueError(f"Key '{key}' not found")
            value = pickle.loads(base64.b64decode(row[0].encode())) + delta
            stored = base64.b64encode(pickle.dumps(value, self.pickle_protocol)).decode("latin1")
            cursor.execute(
                f"UPDATE {table} SET {quote('value')} = %s WHERE {cache_key} = %s",
                [stored, key],
            )
        return value

    def _base_set(self, mode, key, value, timeout=db.DEFAULT_TIMEOUT):
        try:
            return super()._base_set(mode, key, value, timeout)
        except _Full:
            return False

    def _cull(self, db_alias, cursor, now, num):
        connection = connections[db_alias]
        cursor.execute(
            f"DELETE FROM {connection.ops.quote_name(self._table)} "
            f"WHERE {connection.ops.quote_name('expires')} < %s",
            [connection.ops.adapt_datetimefield_value(now)],
        )
        if num - cursor.rowcount > self._max_entries:
            # Full of entries still fresh: the new one is not stored rather than
            # pushing out another's.
            raise _Full


class _Full(Exception):
    pass


class RedisCache(FailSoftMixin, redis.RedisCache):
    """Django's Redis cache, failing soft. Redis counts atomically by itself (INCRBY)."""
