"""The page and JavaScript bridge the renderer drives, installed as the package ``variantgen.geogebra``."""
