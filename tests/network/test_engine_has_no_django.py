"""The graph engine never imports Django, directly or through a dependency."""

import subprocess
import sys

IMPORT_ALL = """
import importlib, pkgutil, sys
import collectives.network as network
for module in pkgutil.walk_packages(network.__path__, "collectives.network."):
    importlib.import_module(module.name)
sys.exit("django" in sys.modules)
"""


def test_it_imports_every_engine_module_without_django():
    result = subprocess.run([sys.executable, "-c", IMPORT_ALL], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr or "django was imported"
