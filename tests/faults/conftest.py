from __future__ import annotations

import pytest

from tests.conftest import free_port
from tests.faults.faults_helpers import Downstream, GatewayProcess, base_sections


@pytest.fixture
def downstream():
    ds = Downstream()
    yield ds
    ds.close()


@pytest.fixture
def gateway_process(tmp_path, downstream):
    started: list[GatewayProcess] = []

    def factory(start: bool = True, **overrides) -> GatewayProcess:
        sections = base_sections(tmp_path, downstream.port, free_port(), **overrides)
        gw = GatewayProcess(tmp_path, sections)
        started.append(gw)
        return gw.start() if start else gw

    yield factory
    for gw in started:
        gw.stop()
