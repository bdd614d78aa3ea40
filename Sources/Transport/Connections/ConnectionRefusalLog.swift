/// Keeps refused connections from flooding the log: the first refusal from a source address in an interval
/// gets its line, later ones in the same interval are only counted, and the next line for that source says
/// how many were left out. A pure state machine; ``ConnectionAdmission`` runs it under its lock.
struct ConnectionRefusalLog {
    /// How long one source's refusals share one line.
    let interval: Duration
    private var sources: [String: Window] = [:]
    /// At this many remembered sources, those whose interval has passed are forgotten; it doubles when most
    /// are still current, so that many sources in one interval do not make every refusal a full sweep.
    private var pruneThreshold = 1024

    private struct Window {
        var started: ContinuousClock.Instant
        var suppressed: Int
    }

    /// How many sources are remembered now.
    var rememberedSources: Int { sources.count }

    init(interval: Duration) {
        self.interval = interval
    }

    /// Whether a refusal from `address` at `now` gets a log line, and how many refusals from that address
    /// were left out of the log since its last line.
    mutating func admit(_ address: String, at now: ContinuousClock.Instant) -> (logged: Bool, suppressedBefore: Int) {
        if var window = sources[address], now - window.started < interval {
            window.suppressed += 1
            sources[address] = window
            return (false, 0)
        }
        let suppressed = sources[address]?.suppressed ?? 0
        if sources.count >= pruneThreshold {
            sources = sources.filter { now - $0.value.started < interval }
            pruneThreshold = max(1024, sources.count * 2)
        }
        sources[address] = Window(started: now, suppressed: 0)
        return (true, suppressed)
    }
}
