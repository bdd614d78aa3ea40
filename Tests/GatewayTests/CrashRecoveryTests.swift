import Foundation
import Gateway
import ISO18626
import Store
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// An OK confirmation means durable: a process applying messages is killed with SIGKILL at random
/// moments, and after reopening the store every message that was confirmed OK is there, with its
/// transaction and event, and nothing is half-applied.
@Suite struct CrashRecoveryTests {
    /// The exerciser is built next to the test runner.
    static var exerciser: URL? {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().deletingLastPathComponent(),
            URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent(".build/debug"),
        ]
        return candidates.map { $0.appendingPathComponent("GatewayExerciser") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    @Test(.enabled(if: exerciser != nil, "the GatewayExerciser helper was not built"))
    func confirmedMessagesSurviveSIGKILL() async throws {
        let exerciser = try #require(Self.exerciser)
        let database = try TemporaryDatabase()
        var confirmed: Set<String> = []
        for round in 0..<6 {
            let report = database.directory.appendingPathComponent("report-\(round).txt")
            let process = Process()
            process.executableURL = exerciser
            process.arguments = [database.path, report.path, String(round * 1_000_000), "1000000"]
            try process.run()
            let lifetime = Double.random(in: 0.3...1.0)
            try await Task.sleep(for: .seconds(lifetime))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            #expect(process.terminationReason == .uncaughtSignal)
            let lines = (try? String(contentsOf: report, encoding: .utf8)) ?? ""
            for line in lines.split(separator: "\n") where line.hasPrefix("OK ") {
                confirmed.insert(String(line.dropFirst(3)))
            }
        }
        #expect(!confirmed.isEmpty, "the exerciser confirmed nothing before it was killed")

        let store = try SQLiteTransactionStore(path: database.path)
        let transactions = try await store.transactions(matching: TransactionFilter(limit: 10_000_000))
        let stored = Set(transactions.map(\.requestingAgencyRequestID))
        let lost = confirmed.subtracting(stored)
        #expect(lost.isEmpty, "confirmed OK but missing after the crash: \(lost.sorted().prefix(10))")
        #expect(transactions.count >= confirmed.count)
        for transaction in transactions {
            let messages = try await store.messages(transactionID: transaction.id)
            let events = try await store.events(transactionID: transaction.id)
            #expect(messages.count == 1 && messages.first?.confirmationStatus == .ok, "transaction \(transaction.id) is half-applied")
            #expect(events.count == 1, "transaction \(transaction.id) is half-applied")
        }
        print("crash test: \(confirmed.count) confirmed, \(transactions.count) stored, 6 kills")
    }
}
