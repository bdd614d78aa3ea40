import Metrics
import Prometheus

/// Installs the Prometheus backend for swift-metrics once per process (`MetricsSystem` can be bootstrapped only
/// once; a second daemon in the same process, as in tests, shares the registry).
enum MetricsSetup {
    /// The registry every metric of this process is kept in.
    static let registry = PrometheusCollectorRegistry()

    private static let installed: Bool = {
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        return true
    }()

    /// Bootstraps the metrics system if it is not yet, and returns the registry to render.
    static func bootstrap() -> PrometheusCollectorRegistry {
        _ = installed
        return registry
    }
}
