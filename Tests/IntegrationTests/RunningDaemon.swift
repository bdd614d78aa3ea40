import Foundation
import ProcessTestSupport
import Testing

#if canImport(Glibc)
import Glibc
import Synchronization
#endif

/// The built `illgate` executable, next to the test runner.
enum IllgateBinary {
    static let url: URL? = {
        let runner = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidates = [
            runner, runner.deletingLastPathComponent(),
            URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent(".build/debug"),
        ]
        return candidates.map { $0.appendingPathComponent("illgate") }.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()

    /// Runs `illgate ARGS` to completion.
    @discardableResult
    static func run(_ arguments: [String]) throws -> (status: Int32, output: String, error: String) {
        guard let executable = IllgateBinary.url else { throw CLIError(description: "the illgate executable was not built") }
        return try runProcess(executable, arguments)
    }

    /// Runs a program to completion, in `directory` and with `environment` when given.
    static func runProcess(
        _ executable: URL,
        _ arguments: [String],
        in directory: URL? = nil,
        environment: [String: String]? = nil
    ) throws -> (status: Int32, output: String, error: String) {
        if directory == nil { return try SpawnedProgram.run(executable.path, arguments, environment: environment) }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        if let environment { process.environment = environment }
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outputData, as: UTF8.self), String(decoding: errorData, as: UTF8.self))
    }
}

/// A free TCP port on loopback for a daemon to listen on, outside the kernel's ephemeral range.
///
/// A port the kernel hands to a bind of port 0 comes from the ephemeral range, the same range it takes the
/// local ports of outgoing connections from: between the moment a test picks such a port and the moment
/// the daemon binds it, any connection on the machine (another test's client, a build) may take it
/// (`Address already in use`). Ports below that range are never given to outgoing connections, so one is
/// picked at random there and checked free by binding it.
func freePort() -> Int {
    // Never give out a port twice in one test run, or a daemon's admin and HTTP listeners could be told to
    // share one.
    while true {
        let port = Int.random(in: listeningPorts)
        guard isFree(port) else { continue }
        let fresh = handedOutPorts.withLock { ports in ports.insert(port).inserted }
        if fresh { return port }
    }
}

private let handedOutPorts = Mutex<Set<Int>>([])

/// The ports below the kernel's ephemeral range (`ip_local_port_range`, 32768-60999 by default) and above
/// the well-known and commonly registered ones.
private let listeningPorts: Range<Int> = {
    let text = (try? String(contentsOfFile: "/proc/sys/net/ipv4/ip_local_port_range", encoding: .utf8)) ?? ""
    let lowest = text.split(whereSeparator: \.isWhitespace).first.flatMap { Int($0) } ?? 32_768
    return lowest > 15_000 ? 10_000..<lowest : 61_000..<65_000
}()

private func isFree(_ port: Int) -> Bool {
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(descriptor) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = UInt16(port).bigEndian
    let length = socklen_t(MemoryLayout<sockaddr_in>.size)
    return withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) } } == 0
}

/// One library's `illgate serve` process, with its own configuration, database and ports.
final class RunningDaemon {
    let name: String
    let agency: String
    let directory: URL
    let httpPort = freePort()
    let tcpPort = freePort()
    let adminPort = freePort()
    private(set) var process: Process?
    private var logHandle: FileHandle?

    var configPath: String { directory.appendingPathComponent("illgate.toml").path }
    var logPath: String { directory.appendingPathComponent("illgate.log").path }
    var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    init(name: String, agency: String, root: URL) throws {
        self.name = name
        self.agency = agency
        directory = root.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    func endpoint(over transport: Transport) -> String {
        transport == .http ? "http://127.0.0.1:\(httpPort)/iso18626" : "tcp://127.0.0.1:\(tcpPort)"
    }

    enum Transport: String, CustomStringConvertible {
        case http, tcp
        var description: String { rawValue }
    }

    /// Writes the configuration: us, and one peer reached at `peerEndpoint`. `peerSections` follows the
    /// peer's endpoint (per-peer keys first, then its sub-tables); `extraSections` (top-level tables such
    /// as `[policy]`) goes before `[[peers]]`.
    func configure(
        prefix: String,
        peerName: String,
        peerAgency: String,
        peerEndpoint: String,
        peerSections: String = "",
        extraSections: String = ""
    ) throws {
        let text = """
            [library]
            agency_ids = ["\(agency)"]
            request_id_prefix = "\(prefix)"

            [storage]
            path = "\(directory.path)/illgate.sqlite"

            [http]
            listen = "127.0.0.1:\(httpPort)"

            [tcp]
            listen = "127.0.0.1:\(tcpPort)"

            [admin]
            listen = "127.0.0.1:\(adminPort)"
            token_file = "\(directory.path)/admin.token"

            [logging]
            level = "info"

            [delivery]
            max_attempts = 50
            initial_delay_seconds = 0.2
            max_delay_seconds = 0.5
            poll_interval_seconds = 0.1
            timeout_seconds = 5

            \(extraSections)

            [[peers]]
            name = "\(peerName)"
            agency_ids = ["\(peerAgency)"]
            endpoint = "\(peerEndpoint)"
            \(peerSections)
            """
        try text.write(toFile: configPath, atomically: true, encoding: .utf8)
    }

    /// Starts `illgate serve` and waits until it says it is ready.
    func start(environment: [String: String] = [:]) async throws {
        if !FileManager.default.fileExists(atPath: logPath) {
            _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        handle.seekToEndOfFile()
        let process = Process()
        guard let executable = IllgateBinary.url else { throw CLIError(description: "the illgate executable was not built") }
        process.executableURL = executable
        process.arguments = ["serve", "--config", configPath]
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        process.standardOutput = handle
        process.standardError = handle
        // Counted before the start: a daemon can be ready before this task runs again.
        let before = log.components(separatedBy: "illgate ready").count
        try process.run()
        self.process = process
        logHandle = handle
        let deadline = Date().addingTimeInterval(90)
        while log.components(separatedBy: "illgate ready").count <= before {
            guard process.isRunning else {
                let failure = "\(name) exited with status \(process.terminationStatus) before it was ready: \(log.suffix(2_000))"
                Issue.record(Comment(rawValue: failure))
                throw CLIError(description: failure)
            }
            guard Date() < deadline else {
                Issue.record("timed out waiting for \(name) ready")
                throw CLIError(description: "timed out waiting for \(name) ready")
            }
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    /// Sends a signal to the daemon.
    func signal(_ number: Int32) {
        guard let process else { return }
        kill(process.processIdentifier, number)
    }

    /// Sends SIGTERM and waits for a clean exit.
    @discardableResult
    func stop() -> Int32 {
        guard let process else { return -1 }
        process.terminate()
        process.waitUntilExit()
        self.process = nil
        try? logHandle?.close()
        return process.terminationStatus
    }

    deinit {
        if let process, process.isRunning { process.terminate() }
    }

    /// `illgate ARGS --config ours`.
    @discardableResult
    func cli(_ arguments: [String]) throws -> String {
        let result = try IllgateBinary.run(arguments + ["--config", configPath])
        guard result.status == 0 else {
            throw CLIError(description: "illgate \(arguments.joined(separator: " ")) failed (\(result.status)): \(result.error)")
        }
        return result.output
    }

    func transactions() throws -> [TransactionJSON] {
        try JSONDecoder().decode([TransactionJSON].self, from: Data(cli(["tx", "list", "--json", "--limit", "1000"]).utf8))
    }

    func transaction(_ id: Int64) throws -> TransactionJSON? {
        try transactions().first { $0.id == id }
    }

    func transaction(requestID: String) throws -> TransactionJSON? {
        try transactions().first { $0.requestID == requestID }
    }
}

struct CLIError: Error, CustomStringConvertible {
    let description: String
}

/// The fields of `illgate tx list --json` the tests read.
struct TransactionJSON: Decodable {
    var id: Int64
    var role: String
    var state: String
    var requestID: String
    var cancelPending: Bool
    var renewalPending: Bool
    var dueDate: String?
    var previousTransactionID: Int64?
}

/// Polls until the condition holds, or fails the test after the timeout.
func eventually(_ what: String, timeout: Double = 60, _ condition: () throws -> Bool) async throws {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
        if (try? condition()) == true { return }
        try await Task.sleep(for: .milliseconds(100))
    }
    Issue.record("timed out waiting for \(what)")
    throw CLIError(description: "timed out waiting for \(what)")
}

/// A fresh temporary directory for one suite instance's daemons, removed when the instance goes.
final class ScratchDirectory {
    let url: URL

    init(_ prefix: String) {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        // A failure to create it shows up as the first file a test writes there failing, naming the path.
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }
}

extension RunningDaemon {
    /// A lender (DK-LEND) and a borrower (US-BORR) under `root` that reach each other over HTTP, the lender
    /// accepting the borrower by its address; `lenderSections` and `borrowerSections` (top-level tables such as
    /// `[policy]`) go before each one's `[[peers]]`. Neither is started.
    static func httpPair(root: URL, lenderSections: String = "", borrowerSections: String = "") throws -> (lender: RunningDaemon, borrower: RunningDaemon) {
        let lender = try RunningDaemon(name: "lender", agency: "ISIL:DK-LEND", root: root)
        let borrower = try RunningDaemon(name: "borrower", agency: "ISIL:US-BORR", root: root)
        try lender.configure(
            prefix: "LEND", peerName: "borrower", peerAgency: "ISIL:US-BORR", peerEndpoint: borrower.endpoint(over: .http),
            peerSections: "allowed_addresses = [\"127.0.0.1/32\"]", extraSections: lenderSections
        )
        try borrower.configure(
            prefix: "BORR", peerName: "lender", peerAgency: "ISIL:DK-LEND", peerEndpoint: lender.endpoint(over: .http), extraSections: borrowerSections
        )
        return (lender, borrower)
    }

    /// Starts both daemons of a pair; `stop()` each when done.
    static func start(_ pair: (lender: RunningDaemon, borrower: RunningDaemon)) async throws {
        try await pair.lender.start()
        try await pair.borrower.start()
    }

    /// `illgate request --peer lender ARGUMENTS` on this borrowing daemon: the new transaction's id and request id
    /// (from "transaction 1: requested, request BORR-XXXX to lender").
    func borrow(_ arguments: [String]) throws -> (id: Int64, requestID: String) {
        let words = try cli(["request", "--peer", "lender"] + arguments).split(separator: " ")
        let id = try #require(Int64(words[1].dropLast()))
        return (id, String(try #require(words.firstIndex(of: "request").map { words[$0 + 1] })))
    }

    /// The id of this lending daemon's transaction for `requestID`, once the request has arrived.
    func transactionID(arriving requestID: String) async throws -> Int64 {
        try await eventually("\(name) to receive \(requestID)") { try transaction(requestID: requestID) != nil }
        return try #require(try transaction(requestID: requestID)).id
    }
}
