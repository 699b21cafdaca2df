"""The headless core: specs, document model, storage, rendering, verdicts.

Nothing under this package imports a user-interface library (a test enforces it).
"""
