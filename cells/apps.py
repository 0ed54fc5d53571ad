from django.apps import AppConfig


class CellsConfig(AppConfig):
    name = "cells"
    verbose_name = "Cells"

    def ready(self):
        from cells import membership  # noqa: F401  (connects the convenor group sync)
