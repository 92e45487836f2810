"""PyInstaller runtime hook: stand-ins for Qt's OpenGL modules, which the bundle leaves out (9 MB).

pyqtgraph (the 服务数据 page's charts) imports PySide6.QtOpenGL and QtOpenGLWidgets when it loads and names
QOpenGLWidget as a base class of two OpenGL widgets, but draws with QPainter unless OpenGL is switched on, which
Deskbook never does. The stand-ins satisfy those imports; anything that really reaches for OpenGL raises. Installed
only where the real modules are missing, so an unbundled run is untouched. ``deskbook --smoke-test`` draws a chart.
"""

import importlib.util
import sys
import types


def _stand_in(name: str) -> types.ModuleType:
    module = types.ModuleType(name)

    def __getattr__(attr: str):  # noqa: N807 - a module's __getattr__ (PEP 562)
        if attr == "QOpenGLWidget":
            from PySide6 import QtWidgets

            return QtWidgets.QWidget
        if attr.startswith("__"):
            raise AttributeError(attr)
        raise ImportError(f"{name}.{attr}: Qt's OpenGL modules are not in this bundle")

    module.__getattr__ = __getattr__  # type: ignore[method-assign]
    return module


for _name in ("PySide6.QtOpenGL", "PySide6.QtOpenGLWidgets"):
    if importlib.util.find_spec(_name) is None:
        sys.modules[_name] = _stand_in(_name)
