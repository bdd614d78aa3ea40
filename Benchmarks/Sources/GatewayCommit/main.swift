// GatewayCommit: how many inbound messages per second `Gateway.handle(_:from:)` commits durably, in process,
// with no transport: SQLiteTransactionStore (WAL, synchronous=FULL, group commit) on a fresh database file.
//
// For each caller count (default 1 and 64) a new database is created in a new directory, and that many
// concurrent tasks call `handle` back to back for a fixed time. Each message is
// config/examples/loan-request.xml with a unique requestingAgencyRequestId, so each one is a new request that
// creates a transaction, its inbound message (with the confirmation) and one event, committed before the
// OK confirmation is returned. The configuration is the quick start's: we are ISIL:XX-ILLGATE; peer
// "partner" is ISIL:XX-PARTNER, allowed from 127.0.0.1; the context is what the HTTP listener passes
// (no authenticated peer, remote 127.0.0.1).
//
// Usage: GatewayCommit [--callers 1,64] [--duration 15] [--warmup 1] [--directory DIR] [--keep] [--prefill N [--desk]] [--no-reference]
//        [--strangers N [--stranger-size BYTES]]
//        GatewayCommit --single-row-commits [--duration 15] [--directory DIR]   (load/run.sh's commit reference)
//
// The reference, measured in the same run after each caller count: a bare GRDB loop (BareCommitLoop.swift)
// writing the same rows into the same schema, as many per commit as the gateway's group commit put
// together on average in the measured window; the run prints the ratio.
// With --prefill N (say 1000000) the gateway's database is first filled with N transactions in realistic
// states with their messages and events (Prefill.swift), and the run also times the staff lookups on it:
// a transaction by request id, `tx show`, and the worklist by state. With --desk as well, it times the desk's
// worklists and reports on it instead of measuring commits (DeskTimings.swift), and stops there.
// With --strangers N, each caller count is measured once more, alone and then while N messages of
// --stranger-size bytes (default 1 MiB) from an agency that is no peer flood the gateway (StrangerFlood.swift).
//
// DIR (default: the system temporary directory, /tmp) must be on the disk being measured: a tmpfs makes
// fsync free, and the program says so when it finds one. One machine-readable line per caller count:
//   RESULT benchmark=gateway-commit callers=N seconds=S messages=M rps=X p50_ms=A p99_ms=B non_ok=K

import Foundation
import Gateway
import ISO18626
import Store

#if canImport(Glibc)
import Glibc
#endif

struct Options {
    var callers = [1, 64]
    var duration = 15.0
    var warmup = 1.0
    var directory = FileManager.default.temporaryDirectory.path
    var keep = false
    var template = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("config/examples/loan-request.xml").path
    var placeholder = "PARTNER-2026-000123"
    var prefill = 0
    var singleRowCommits = false
    var reference = true
    var strangers = 0
    var strangerSize = 1 << 20
    var desk = false

    static func parse() -> Options {
        var options = Options()
        let arguments = CommandLine.arguments
        var index = 1
        func value() -> String {
            index += 1
            guard index < arguments.count else { fail("missing value for \(arguments[index - 1])") }
            return arguments[index]
        }
        while index < arguments.count {
            switch arguments[index] {
            case "--callers": options.callers = value().split(separator: ",").map { Int($0) ?? { fail("bad --callers") }() }
            case "--duration": options.duration = Double(value()) ?? { fail("bad --duration") }()
            case "--warmup": options.warmup = Double(value()) ?? { fail("bad --warmup") }()
            case "--directory": options.directory = value()
            case "--template": options.template = value()
            case "--keep": options.keep = true
            case "--single-row-commits": options.singleRowCommits = true
            case "--no-reference": options.reference = false
            case "--strangers": options.strangers = Int(value()) ?? { fail("bad --strangers") }()
            case "--stranger-size": options.strangerSize = Int(value()) ?? { fail("bad --stranger-size") }()
            case "--prefill": options.prefill = Int(value()) ?? { fail("bad --prefill") }()
            case "--desk": options.desk = true
            default: fail("unknown argument \(arguments[index]); see the comment at the top of main.swift")
            }
            index += 1
        }
        return options
    }
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("GatewayCommit: \(message)\n".utf8))
    exit(64)
}

func format(_ value: Double, _ digits: Int = 2) -> String { String(format: "%.\(digits)f", value) }

/// The first three fields of /proc/loadavg.
func loadAverage() -> String {
    let text = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? "? ? ?"
    return text.split(separator: " ").prefix(3).joined(separator: " ")
}

/// The type of the filesystem holding `path`, from the longest matching mount point in /proc/mounts, with a
/// warning for a tmpfs (where fsync costs nothing).
func describeFilesystem(_ path: String) -> String {
    let resolved = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
    guard let mounts = try? String(contentsOfFile: "/proc/mounts", encoding: .utf8) else { return "unknown filesystem" }
    var best: (mountPoint: String, type: String, device: String)?
    for line in mounts.split(separator: "\n") {
        let fields = line.split(separator: " ")
        guard fields.count >= 3 else { continue }
        let mountPoint = String(fields[1])
        let prefix = mountPoint == "/" ? "/" : mountPoint + "/"
        guard resolved == mountPoint || resolved.hasPrefix(prefix) else { continue }
        if best == nil || mountPoint.count >= best!.mountPoint.count {
            best = (mountPoint, String(fields[2]), String(fields[0]))
        }
    }
    guard let best else { return "unknown filesystem" }
    let warning = best.type == "tmpfs" || best.type == "ramfs" ? " (WARNING: fsync is free here; durability is not measured)" : ""
    return "\(best.type) on \(best.device), mounted at \(best.mountPoint)\(warning)"
}

/// CPU time (user + system) of this process so far, in seconds.
func processCPUSeconds() -> Double {
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
}

/// What one caller measured.
struct CallerResult: Sendable {
    var latencies: [UInt64] = []
    var nonOK = 0
    var firstProblem: String?
}

let options = Options.parse()
if options.singleRowCommits {
    let directory = URL(fileURLWithPath: options.directory).appendingPathComponent("illgate-single-row-\(getpid())")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    print("single-row durable commits: directory \(directory.path) (\(describeFilesystem(directory.path)))")
    let rate = try BareCommitLoop.singleRowCommits(databasePath: directory.appendingPathComponent("bare.sqlite").path, duration: options.duration)
    print("RESULT benchmark=single-row-commits rps=\(format(rate, 1))")
    exit(0)
}
guard let templateData = FileManager.default.contents(atPath: options.template) else { fail("cannot read \(options.template)") }
let templateText = String(decoding: templateData, as: UTF8.self)
guard let placeholderRange = templateText.range(of: options.placeholder) else { fail("\(options.template) lacks \(options.placeholder)") }
let prefix = Array(templateText[..<placeholderRange.lowerBound].utf8)
let suffix = Array(templateText[placeholderRange.upperBound...].utf8)

let ours = AgencyID(type: .isil, value: "XX-ILLGATE")
let partner = AgencyID(type: .isil, value: "XX-PARTNER")
let configuration = GatewayConfiguration(
    libraryAgencyID: ours,
    peers: [
        Peer(
            name: "partner",
            agencyIDs: [partner],
            edition: .v1_2,
            allowedAddresses: ["127.0.0.1/32", "::1"].compactMap(AddressRange.init)
        )
    ]
)
let context = PeerContext(authenticatedPeerName: nil, remoteAddress: "127.0.0.1", transport: "http")
let runTag = "\(getpid())"

print("GatewayCommit: directory \(options.directory) (\(describeFilesystem(options.directory))); load average \(loadAverage())")
print("  template \(options.template), \(prefix.count + suffix.count + options.placeholder.utf8.count) bytes")

for callers in options.callers {
    let directory = URL(fileURLWithPath: options.directory).appendingPathComponent("illgate-gateway-commit-\(runTag)-\(callers)")
    try? FileManager.default.removeItem(at: directory)
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let databasePath = directory.appendingPathComponent("illgate.sqlite").path
    let store = try SQLiteTransactionStore(path: databasePath)
    var lookup: (requestID: String, requester: String, transactionID: Int64)?
    if options.prefill > 0 {
        let began = Date()
        lookup = try Prefill.run(path: databasePath, count: options.prefill, body: prefix + Array("X".utf8) + suffix, confirmation: String(repeating: "c", count: 600)) { written in
            if written % 100_000 == 0 { print("  prefilled \(written) transactions") }
        }
        let size = ((try? FileManager.default.attributesOfItem(atPath: databasePath)[.size] as? Int) ?? 0)
        print("  prefilled \(options.prefill) transactions in \(format(Date().timeIntervalSince(began), 0)) s; database \(size / 1_048_576) MiB = \(format(Double(size) / Double(options.prefill) * 1000 / 1_048_576, 2)) MiB per 1,000 transactions")
    }
    let gateway = try Gateway(configuration: configuration, store: store)
    if let lookup {
        try await timeLookups(store: store, gateway: gateway, lookup: lookup)
    }
    if options.desk {
        guard options.prefill > 0 else { fail("--desk needs --prefill N") }
        try await DeskTimings.run(store: store, gateway: gateway, databasePath: databasePath, transactions: options.prefill)
        if !options.keep { try? FileManager.default.removeItem(at: directory) }
        break
    }

    let clock = ContinuousClock()
    let start = clock.now
    // Commit grouping is sampled the same way, so the reference can group its commits alike.
    let groupingSampler = Task {
        try? await Task.sleep(for: .seconds(options.warmup))
        let before = store.commitStatistics
        try? await Task.sleep(for: .seconds(options.duration))
        let after = store.commitStatistics
        return Double(after.writes - before.writes) / Double(max(1, after.commits - before.commits))
    }
    // CPU time is sampled by a task that sleeps through the warm-up: the difference covers the measured window.
    let cpuSampler = Task {
        try? await Task.sleep(for: .seconds(options.warmup))
        let before = processCPUSeconds()
        try? await Task.sleep(for: .seconds(options.duration))
        return processCPUSeconds() - before
    }
    let measureFrom = start + .seconds(options.warmup)
    let deadline = measureFrom + .seconds(options.duration)
    let results = await withTaskGroup(of: CallerResult.self) { group in
        for caller in 0..<callers {
            group.addTask {
                var result = CallerResult()
                result.latencies.reserveCapacity(Int(options.duration) * 10_000 / callers + 64)
                var sequence = 0
                while true {
                    sequence += 1
                    let bytes = prefix + Array("BENCH-\(runTag)-\(callers)-\(caller)-\(sequence)".utf8) + suffix
                    let began = clock.now
                    let reply = await gateway.handle(bytes, from: context)
                    let ended = clock.now
                    if began >= measureFrom, ended <= deadline {
                        let (seconds, attoseconds) = (ended - began).components
                        result.latencies.append(UInt64(seconds) * 1_000_000_000 + UInt64(attoseconds / 1_000_000_000))
                        if reply.messageStatus != .ok {
                            result.nonOK += 1
                            if result.firstProblem == nil { result.firstProblem = "\(reply.body)" }
                        }
                    }
                    if ended > deadline { break }
                }
                return result
            }
        }
        var all: [CallerResult] = []
        for await result in group { all.append(result) }
        return all
    }

    let cpuSeconds = await cpuSampler.value
    let messagesPerCommit = await groupingSampler.value
    var latencies = results.flatMap(\.latencies)
    latencies.sort()
    let nonOK = results.reduce(0) { $0 + $1.nonOK }
    func percentile(_ fraction: Double) -> Double {
        guard !latencies.isEmpty else { return .nan }
        return Double(latencies[min(latencies.count - 1, max(0, Int((fraction * Double(latencies.count)).rounded(.up)) - 1))]) / 1e6
    }
    let rate = Double(latencies.count) / options.duration
    let stored = (try? await gateway.store.transactions(matching: TransactionFilter(limit: 1)).first?.id) ?? 0
    print(
        "\(callers) caller(s): \(latencies.count) messages in \(format(options.duration, 1)) s = \(format(rate, 1)) messages/s;"
            + " latency ms p50 \(format(percentile(0.5))) p99 \(format(percentile(0.99))) max \(format(percentile(1)));"
            + " non-OK \(nonOK); transactions in the database: \(stored)"
    )
    let cpuPerMessage = latencies.isEmpty ? Double.nan : cpuSeconds / Double(latencies.count) * 1e6
    print("  process CPU: \(format(cpuSeconds / options.duration)) cores busy, \(format(cpuPerMessage, 0)) µs of CPU per message; \(format(messagesPerCommit, 1)) messages per commit; load average \(loadAverage())")
    if let problem = results.compactMap(\.firstProblem).first { print("  first non-OK reply: \(problem.prefix(600))") }
    print(
        "RESULT benchmark=gateway-commit callers=\(callers) seconds=\(format(options.duration, 1)) messages=\(latencies.count)"
            + " rps=\(format(rate, 1)) p50_ms=\(format(percentile(0.5))) p99_ms=\(format(percentile(0.99))) non_ok=\(nonOK)"
            + " cpu_us_per_message=\(format(cpuPerMessage, 0))"
    )
    if options.strangers > 0 {
        let (alone, flooded, sent) = await StrangerFlood.run(
            gateway: gateway,
            databasePath: databasePath,
            callers: callers,
            duration: options.duration,
            messageBytes: { id in prefix + Array(id.utf8) + suffix },
            context: context,
            strangers: options.strangers,
            size: options.strangerSize
        )
        let ratio = Double(flooded.messages) / Double(max(alone.messages, 1))
        print(
            "  strangers: \(sent) messages of \(options.strangerSize) bytes sent; real peer alone \(format(Double(alone.messages) / options.duration, 1))/s,"
                + " flooded \(format(Double(flooded.messages) / options.duration, 1))/s (ratio \(format(ratio, 2)));"
                + " database growth alone \(alone.databaseBytes) bytes (\(alone.databaseBytes / max(alone.messages, 1)) per message), flooded \(flooded.databaseBytes) bytes (\(flooded.databaseBytes / max(flooded.messages, 1)) per message)"
        )
        print("RESULT benchmark=strangers callers=\(callers) sent=\(sent) size=\(options.strangerSize) ratio=\(format(ratio, 2)) growth_alone=\(alone.databaseBytes) growth_flooded=\(flooded.databaseBytes)")
    }
    if !options.keep { try? FileManager.default.removeItem(at: directory) }

    // The reference: a bare GRDB loop writing the same rows, on a fresh file with the same schema.
    guard options.reference else { continue }
    let referenceDirectory = URL(fileURLWithPath: options.directory).appendingPathComponent("illgate-bare-commit-\(runTag)-\(callers)")
    try? FileManager.default.removeItem(at: referenceDirectory)
    try FileManager.default.createDirectory(at: referenceDirectory, withIntermediateDirectories: true)
    let referencePath = referenceDirectory.appendingPathComponent("illgate.sqlite").path
    _ = try SQLiteTransactionStore(path: referencePath)
    let sampleReply = await gateway.handle(prefix + Array("BENCH-\(runTag)-sample-\(callers)".utf8) + suffix, from: context)
    let confirmation = String(decoding: sampleReply.confirmation ?? [], as: UTF8.self)
    let grouping = max(1, Int(messagesPerCommit.rounded()))
    let referenceRate = try BareCommitLoop.run(
        databasePath: referencePath,
        callers: grouping,
        duration: options.duration,
        body: prefix + Array("BARE".utf8) + suffix,
        confirmation: confirmation
    )
    print("  reference: bare GRDB loop, same rows, \(grouping) per commit (as the gateway grouped them): \(format(referenceRate, 1)) messages/s; gateway/reference = \(format(rate / referenceRate, 2))")
    print("RESULT benchmark=bare-commit callers=\(callers) rps=\(format(referenceRate, 1)) ratio=\(format(rate / referenceRate, 2))")
    try? FileManager.default.removeItem(at: referenceDirectory)
}

/// Times the staff lookups on a prefilled database: the median and worst of 200 runs each.
func timeLookups(store: SQLiteTransactionStore, gateway: Gateway, lookup: (requestID: String, requester: String, transactionID: Int64)) async throws {
    let clock = ContinuousClock()
    func measure(_ name: String, _ work: () async throws -> Void) async throws {
        var samples: [Double] = []
        for _ in 0..<200 {
            let began = clock.now
            try await work()
            let (seconds, attoseconds) = (clock.now - began).components
            samples.append(Double(seconds) * 1000 + Double(attoseconds) / 1e15)
        }
        samples.sort()
        print("  lookup \(name): p50 \(format(samples[100], 3)) ms, max \(format(samples[199], 3)) ms")
        print("RESULT benchmark=lookup name=\"\(name)\" p50_ms=\(format(samples[100], 3)) max_ms=\(format(samples[199], 3))")
    }
    let (requestID, requester) = (lookup.requestID, lookup.requester)
    try await measure("transaction by request id") {
        let found = try await store.decide { writer in try writer.transaction(role: .supplier, requestingAgencyID: requester, requestID: requestID) }
        guard found.result != nil else { fail("the prefilled transaction \(requestID) was not found") }
    }
    try await measure("tx show") { _ = try await gateway.transactionDetail(id: lookup.transactionID) }
    for state in ["WillSupply", "Loaned", "Overdue", "RequestReceived"] {
        try await measure("worklist supplier \(state)") {
            _ = try await gateway.transactions(matching: TransactionFilter(role: .supplier, state: state, limit: 100))
        }
    }
    for plan in try await store.hotQueryPlans() where plan.scansATable {
        print("  WARNING: \(plan.name) scans: \(plan.plan.joined(separator: "; "))")
    }
}
