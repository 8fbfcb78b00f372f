"""Built-in jinja2 templates, installed as the package ``variantgen.templates``."""
