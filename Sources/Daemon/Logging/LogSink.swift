/// Where a ``LogLineHandler`` puts its finished lines.
///
/// A sink receives complete lines, each ending in a newline, and must write every line as a whole, so lines
/// from concurrent tasks never interleave. Production code uses ``FileDescriptorLogSink/standardOutput``; tests
/// inject a sink that keeps the lines in memory.
public protocol LogSink: Sendable {
    /// Writes one complete line (including its trailing newline) in one piece.
    /// - Parameter line: The formatted line.
    func write(line: String)
}
