// TCPLoad: a closed-loop load generator for illgate's TCP binding in length mode ("LENGTH\n" + bytes, the
// reply framed the same way). Each connection sends one request, waits for its confirmation, and sends the
// next at once, for a fixed time. Every request is the template document with a unique
// requestingAgencyRequestId, so each one creates a new transaction (none is a retransmission).
//
// It uses plain non-blocking sockets and poll(2), one poll loop per thread, so that it costs the 2-core
// machine as little CPU as wrk does on the HTTP side.
//
// Usage: TCPLoad [--host 127.0.0.1] [--port 18627] [--connections 64] [--threads 2] [--duration 25]
//                [--warmup 0] [--template PATH] [--placeholder PARTNER-2026-000123] [--tag TAG]
//
// The last line printed is machine-readable:
//   RESULT transport=tcp connections=N threads=T seconds=S requests=R rps=X p50_ms=A p90_ms=B p99_ms=C max_ms=D
//          non_ok=K errors=E

import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

// MARK: Options

struct Options {
    var host = "127.0.0.1"
    var port: UInt16 = 18627
    var connections = 64
    var threads = 2
    var duration = 25.0
    var warmup = 0.0
    var template = Options.defaultTemplate
    var placeholder = "PARTNER-2026-000123"
    var tag = "\(getpid())x\(Int(Date().timeIntervalSince1970) % 1_000_000)"

    /// config/examples/loan-request.xml of the repository this file lives in.
    static var defaultTemplate: String {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()  // TCPLoad
            .deletingLastPathComponent()  // Sources
            .deletingLastPathComponent()  // Benchmarks (package)
            .deletingLastPathComponent()  // repository
            .appendingPathComponent("config/examples/loan-request.xml").path
    }

    static func parse(_ arguments: [String]) -> Options {
        var options = Options()
        var index = 1
        func value() -> String {
            index += 1
            guard index < arguments.count else { usage("missing value for \(arguments[index - 1])") }
            return arguments[index]
        }
        while index < arguments.count {
            switch arguments[index] {
            case "--host": options.host = value()
            case "--port": options.port = UInt16(value()) ?? { usage("bad --port") }()
            case "--connections", "-c": options.connections = Int(value()) ?? { usage("bad --connections") }()
            case "--threads", "-t": options.threads = Int(value()) ?? { usage("bad --threads") }()
            case "--duration", "-d": options.duration = Double(value()) ?? { usage("bad --duration") }()
            case "--warmup": options.warmup = Double(value()) ?? { usage("bad --warmup") }()
            case "--template": options.template = value()
            case "--placeholder": options.placeholder = value()
            case "--tag": options.tag = value()
            case "--help", "-h": usage(nil)
            default: usage("unknown argument \(arguments[index])")
            }
            index += 1
        }
        guard options.connections > 0, options.threads > 0, options.duration > 0 else { usage("counts and duration must be positive") }
        options.threads = min(options.threads, options.connections)
        return options
    }
}

func usage(_ problem: String?) -> Never {
    if let problem { FileHandle.standardError.write(Data("TCPLoad: \(problem)\n".utf8)) }
    FileHandle.standardError.write(
        Data(
            """
            usage: TCPLoad [--host H] [--port P] [--connections N] [--threads T] [--duration SECONDS]
                           [--warmup SECONDS] [--template FILE] [--placeholder TEXT] [--tag TAG]

            """.utf8
        )
    )
    exit(problem == nil ? 0 : 64)
}

// MARK: Time

@inline(__always)
func nanoseconds() -> UInt64 {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec)
}

// MARK: Requests

/// The template split around the request id, so that a request is prefix + id + suffix.
struct Template: Sendable {
    let prefix: [UInt8]
    let suffix: [UInt8]

    init(path: String, placeholder: String) {
        guard let data = FileManager.default.contents(atPath: path) else { usage("cannot read the template \(path)") }
        let text = String(decoding: data, as: UTF8.self)
        guard let range = text.range(of: placeholder) else { usage("the template \(path) does not contain \(placeholder)") }
        prefix = Array(text[..<range.lowerBound].utf8)
        suffix = Array(text[range.upperBound...].utf8)
    }

    /// One length-mode frame: "LENGTH\n" and the document with this request id.
    func frame(requestID: String) -> [UInt8] {
        let id = Array(requestID.utf8)
        let length = prefix.count + id.count + suffix.count
        var frame = Array("\(length)\n".utf8)
        frame.reserveCapacity(frame.count + length)
        frame += prefix
        frame += id
        frame += suffix
        return frame
    }
}

/// `<messageStatus>OK</messageStatus>`, with or without a namespace prefix: the bytes after "messageStatus>".
let okMarker = Array("messageStatus>OK<".utf8)

func contains(_ haystack: ArraySlice<UInt8>, _ needle: [UInt8]) -> Bool {
    guard haystack.count >= needle.count else { return false }
    var start = haystack.startIndex
    let last = haystack.endIndex - needle.count
    while start <= last {
        if haystack[start] == needle[0], haystack[start..<(start + needle.count)].elementsEqual(needle) { return true }
        start += 1
    }
    return false
}

// MARK: Connections

final class Connection {
    let number: Int
    var descriptor: Int32 = -1
    var output: [UInt8] = []
    var written = 0
    var input: [UInt8] = []
    var sentAt: UInt64 = 0
    var sequence = 0
    var finished = false

    init(number: Int) { self.number = number }
}

/// What one thread measured.
final class ThreadResult: @unchecked Sendable {
    var latencies: [UInt64] = []
    var requests = 0
    var nonOK = 0
    var errors = 0
    var firstNonOK: String?
}

func connect(host: String, port: UInt16) -> Int32 {
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard descriptor >= 0 else { fatalError("socket: \(String(cString: strerror(errno)))") }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = port.bigEndian
    guard inet_pton(AF_INET, host, &address.sin_addr) == 1 else { usage("--host must be an IPv4 address") }
    let result = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    guard result == 0 else {
        FileHandle.standardError.write(Data("TCPLoad: connect to \(host):\(port): \(String(cString: strerror(errno)))\n".utf8))
        exit(69)
    }
    var one: Int32 = 1
    setsockopt(descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
    let flags = fcntl(descriptor, F_GETFL)
    _ = fcntl(descriptor, F_SETFL, flags | O_NONBLOCK)
    return descriptor
}

/// Runs `connections` closed-loop connections until `deadline` (monotonic ns); latencies of requests
/// completed after `measureFrom` are recorded.
func runThread(
    index: Int,
    connectionNumbers: [Int],
    options: Options,
    template: Template,
    measureFrom: UInt64,
    deadline: UInt64,
    result: ThreadResult
) {
    var connections = connectionNumbers.map { Connection(number: $0) }
    result.latencies.reserveCapacity(Int(options.duration) * 8_000 / options.threads + 1024)
    var readBuffer = [UInt8](repeating: 0, count: 64 * 1024)

    func send(_ connection: Connection) {
        connection.sequence += 1
        let id = "TCP-\(options.tag)-\(connection.number)-\(connection.sequence)"
        connection.output = template.frame(requestID: id)
        connection.written = 0
        connection.input.removeAll(keepingCapacity: true)
        connection.sentAt = nanoseconds()
        flush(connection)
    }

    func flush(_ connection: Connection) {
        while connection.written < connection.output.count {
            let count = connection.output.withUnsafeBytes { bytes in
                write(connection.descriptor, bytes.baseAddress! + connection.written, bytes.count - connection.written)
            }
            if count > 0 {
                connection.written += count
            } else if count < 0, errno == EAGAIN || errno == EINTR {
                return  // poll for POLLOUT
            } else {
                fail(connection)
                return
            }
        }
    }

    func fail(_ connection: Connection) {
        result.errors += 1
        close(connection.descriptor)
        connection.descriptor = -1
        if nanoseconds() < deadline {
            connection.descriptor = connect(host: options.host, port: options.port)
            send(connection)
        } else {
            connection.finished = true
        }
    }

    /// Takes one complete reply from the connection's input, if there is one.
    func completeReply(_ connection: Connection) -> ArraySlice<UInt8>? {
        guard let newline = connection.input.firstIndex(of: UInt8(ascii: "\n")) else { return nil }
        var length = 0
        for byte in connection.input[..<newline] where byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
            length = length * 10 + Int(byte - UInt8(ascii: "0"))
        }
        let end = newline + 1 + length
        guard connection.input.count >= end else { return nil }
        return connection.input[(newline + 1)..<end]
    }

    for connection in connections {
        connection.descriptor = connect(host: options.host, port: options.port)
        send(connection)
    }

    var pollDescriptors = [pollfd](repeating: pollfd(), count: connections.count)
    while connections.contains(where: { !$0.finished }) {
        for (slot, connection) in connections.enumerated() {
            pollDescriptors[slot].fd = connection.finished ? -1 : connection.descriptor
            pollDescriptors[slot].events = Int16(POLLIN) | (connection.written < connection.output.count ? Int16(POLLOUT) : 0)
            pollDescriptors[slot].revents = 0
        }
        let ready = poll(&pollDescriptors, nfds_t(pollDescriptors.count), 100)
        if ready < 0 {
            if errno == EINTR { continue }
            fatalError("poll: \(String(cString: strerror(errno)))")
        }
        let now = nanoseconds()
        for (slot, connection) in connections.enumerated() where !connection.finished {
            let events = pollDescriptors[slot].revents
            if events == 0 {
                if now >= deadline + 5_000_000_000 {  // a reply still missing 5 s after the end: give up
                    result.errors += 1
                    close(connection.descriptor)
                    connection.finished = true
                }
                continue
            }
            if events & Int16(POLLOUT) != 0 { flush(connection) }
            if events & (Int16(POLLIN) | Int16(POLLHUP) | Int16(POLLERR)) != 0 {
                let count = readBuffer.withUnsafeMutableBytes { read(connection.descriptor, $0.baseAddress!, $0.count) }
                if count == 0 || (count < 0 && errno != EAGAIN && errno != EINTR) {
                    fail(connection)
                    continue
                }
                if count > 0 { connection.input += readBuffer[0..<count] }
                if let reply = completeReply(connection) {
                    let finishedAt = nanoseconds()
                    if connection.sentAt >= measureFrom && finishedAt <= deadline {
                        result.latencies.append(finishedAt - connection.sentAt)
                        result.requests += 1
                        if !contains(reply, okMarker) {
                            result.nonOK += 1
                            if result.firstNonOK == nil { result.firstNonOK = String(decoding: reply, as: UTF8.self) }
                        }
                    }
                    if finishedAt < deadline {
                        send(connection)
                    } else {
                        close(connection.descriptor)
                        connection.finished = true
                    }
                }
            }
        }
    }
    connections.removeAll()
}

// MARK: Main

func main() {
    signal(SIGPIPE, SIG_IGN)
    let options = Options.parse(CommandLine.arguments)
    let template = Template(path: options.template, placeholder: options.placeholder)

    let start = nanoseconds()
    let measureFrom = start + UInt64(options.warmup * 1e9)
    let deadline = measureFrom + UInt64(options.duration * 1e9)
    let results = (0..<options.threads).map { _ in ThreadResult() }
    let finished = DispatchGroup()
    for thread in 0..<options.threads {
        let numbers = Array(stride(from: thread, to: options.connections, by: options.threads))
        let result = results[thread]
        finished.enter()
        let worker = Thread {
            runThread(
                index: thread,
                connectionNumbers: numbers,
                options: options,
                template: template,
                measureFrom: measureFrom,
                deadline: deadline,
                result: result
            )
            finished.leave()
        }
        worker.start()
    }
    finished.wait()

    var latencies = results.flatMap(\.latencies)
    latencies.sort()
    let requests = results.reduce(0) { $0 + $1.requests }
    let nonOK = results.reduce(0) { $0 + $1.nonOK }
    let errors = results.reduce(0) { $0 + $1.errors }

    func percentile(_ fraction: Double) -> Double {
        guard !latencies.isEmpty else { return .nan }
        let rank = min(latencies.count - 1, max(0, Int((fraction * Double(latencies.count)).rounded(.up)) - 1))
        return Double(latencies[rank]) / 1e6
    }

    func format(_ value: Double, _ digits: Int = 2) -> String { String(format: "%.\(digits)f", value) }

    let rps = Double(requests) / options.duration
    print("TCP length mode, \(options.connections) connections, \(options.threads) threads, \(format(options.duration, 1)) s (after \(format(options.warmup, 1)) s warm-up)")
    print("  requests: \(requests)  requests/s: \(format(rps, 1))")
    print("  latency ms: p50 \(format(percentile(0.50)))  p90 \(format(percentile(0.90)))  p99 \(format(percentile(0.99)))  max \(format(percentile(1.0)))")
    print("  non-OK replies: \(nonOK)  connection errors: \(errors)")
    if let sample = results.compactMap(\.firstNonOK).first {
        print("  first non-OK reply: \(sample.prefix(600))")
    }
    print(
        "RESULT transport=tcp connections=\(options.connections) threads=\(options.threads) seconds=\(format(options.duration, 1))"
            + " requests=\(requests) rps=\(format(rps, 1)) p50_ms=\(format(percentile(0.50))) p90_ms=\(format(percentile(0.90)))"
            + " p99_ms=\(format(percentile(0.99))) max_ms=\(format(percentile(1.0))) non_ok=\(nonOK) errors=\(errors)"
    )
}

main()
