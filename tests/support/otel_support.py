"""OpenTelemetry's SDK in-memory exporter and metric reader, installed once per test process.

OpenTelemetry allows one global tracer provider and one meter provider per process, so every test module that
reads spans or metrics shares these: each test reads what its own calls added (``total`` differences, a cleared
exporter).
"""

from __future__ import annotations

from typing import Any

from opentelemetry import metrics, trace
from opentelemetry.sdk.metrics import MeterProvider
from opentelemetry.sdk.metrics.export import InMemoryMetricReader
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

_INSTALLED: dict[str, Any] = {}


def installed() -> tuple[InMemorySpanExporter, InMemoryMetricReader]:
    """The process's exporter (cleared) and metric reader, installed as the global providers on first use."""
    if not _INSTALLED:
        exporter = InMemorySpanExporter()
        provider = TracerProvider()
        provider.add_span_processor(SimpleSpanProcessor(exporter))
        trace.set_tracer_provider(provider)
        reader = InMemoryMetricReader()
        metrics.set_meter_provider(MeterProvider(metric_readers=[reader]))
        _INSTALLED.update(exporter=exporter, reader=reader)
    _INSTALLED["exporter"].clear()
    return _INSTALLED["exporter"], _INSTALLED["reader"]


def points(reader: InMemoryMetricReader) -> dict[str, list[Any]]:
    """Every data point the reader holds, by metric name."""
    out: dict[str, list[Any]] = {}
    data = reader.get_metrics_data()
    for resource in data.resource_metrics if data else []:
        for scope in resource.scope_metrics:
            for metric in scope.metrics:
                out.setdefault(metric.name, []).extend(metric.data.data_points)
    return out


def total(reader: InMemoryMetricReader, name: str, **attributes: str) -> float:
    """The sum of metric ``name``'s points whose ``taskfacade.<key>`` attributes match ``attributes``."""
    return sum(
        point.value
        for point in points(reader).get(name, [])
        if all(point.attributes.get(f"taskfacade.{key}") == value for key, value in attributes.items())
    )


def spans(exporter: InMemorySpanExporter, name: str) -> list[Any]:
    """The finished spans called ``name``."""
    return [span for span in exporter.get_finished_spans() if span.name == name]
