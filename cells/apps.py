from django.apps import AppConfig


class CellsConfig(AppConfig):
    name = "cells"
    verbose_name = "Cells"

    def ready(self):
        # Receivers, not calls from save(): cached counts and pages must be renewed
        # however a cell or note changes (its methods, forms, the admin).
        from cells import (
            invalidation,  # noqa: F401
            membership,  # noqa: F401  (connects the convenor group sync)
        )
