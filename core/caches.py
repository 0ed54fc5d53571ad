"""Cache backends that keep the Observatory's counters right across workers and servers."""

import base64
import pickle

from django.core.cache.backends import db
from django.db import connections, router, transaction
from django.utils.timezone import now


class DatabaseCache(db.DatabaseCache):
    """Django's database cache, with an increment that two workers cannot interleave.

    Django's own reads the value and writes it back, so two requests counted at the
    same instant count once: a rate limit could be passed by sending requests in
    parallel. Here the row is locked (SELECT ... FOR UPDATE) between the read and the
    write. SQLite lets one writer in at a time, which serves the same end.
    """

    def incr(self, key, delta=1, version=None):
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
