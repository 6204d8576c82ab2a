"""No models. The module exists so that Django sends `post_migrate` for this
app, which creates the shared cache's table (ops/apps.py)."""
