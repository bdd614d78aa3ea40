import ArgumentParser
import Daemon
import Foundation
import Gateway
import ISO18626

/// `illgate policy explain`: why a request is (or would be) decided the way it is.
struct PolicyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy",
        abstract: "Explain policy decisions.",
        subcommands: [Explain.self]
    )

    struct Explain: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show the decision for a request (or a renewal) and every rule evaluated, without changing anything.",
            discussion: """
                Evaluates REQUEST.xml against the configured policy, holdings and the history in the configured \
                database as of --now (default: the current time), in a database transaction that is rolled back. \
                --as lender (default) answers "what would we reply if a peer sent this?"; --as borrower answers \
                "what happens if our patron asks for this?" (copyright ledger, patron limits, rota). \
                --renewal TX (or a Renew requestingAgencyMessage as REQUEST.xml) instead answers "what would we \
                reply if the borrower of our loan TX asked to renew it now?" (R01-R03). Every outcome carries its stable reason code (code in --json), the \
                [illgate:<code>] prefix of the note a peer receives.
                """
        )

        enum Side: String, ExpressibleByArgument, CaseIterable {
            case lender, borrower
        }

        @Option(help: "The configuration file (default: $ILLGATE_CONFIG, else config/illgate.toml).")
        var config: String?

        @Option(help: "Evaluate as of this instant (2027-01-04T09:00:00Z, or a date 2027-01-04 meaning its start in the library's zone).")
        var now: String?

        @Option(name: .customLong("as"), help: "lender (a peer asks us) or borrower (our patron asks).")
        var side: Side = .lender

        @Option(help: "The patron type (borrower side; default: the request's patronType, else policy.borrowing.default_patron_type).")
        var patronType: String?

        @Option(help: "As lender: the peer to evaluate as (default: the owner of the request's requestingAgencyId). As borrower: the lenders to ask, comma-separated (default: every peer).")
        var peer: String?

        @Option(help: ArgumentHelp("Explain a renewal of our loan with this transaction id instead of a request.", valueName: "tx"))
        var renewal: Int64?

        @Flag(help: "Print JSON.")
        var json = false

        @Argument(help: ArgumentHelp("The ISO 18626 request, or a Renew requestingAgencyMessage (not with --renewal).", valueName: "request.xml"))
        var file: String?

        func validate() throws {
            if renewal == nil, file == nil { throw ValidationError("give a request.xml, or --renewal TX") }
            if renewal != nil, file != nil { throw ValidationError("--renewal explains a stored loan: give no request.xml with it") }
        }

        func run() async throws {
            let local = try LocalGateway(configurationPath: config)
            let instant = try parseNow(timeZone: local.timeZone)
            let explanation = try await explain(local, at: instant)
            if local.configuration.policy == nil {
                FileHandle.standardError.write(Data("note: \(local.configuration.file) has no [policy] table; explaining with the default policy, which the daemon does not apply\n".utf8))
            }
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                print(String(decoding: try encoder.encode(explanation), as: UTF8.self))
                return
            }
            print("\(explanation.side) decision: \(explanation.decision) (rule \(explanation.rule), code \(explanation.code)) as of \(explanation.asOf)")
            for fact in explanation.answer { print("  \(fact.name): \(fact.value)") }
            print("facts:")
            for fact in explanation.facts { print("  \(fact.name): \(fact.value)") }
            print("rules:")
            print(TextTable.render(header: ["  RULE", "VERDICT", "DETAIL"], rows: explanation.rules.map { ["  " + $0.rule, $0.verdict, $0.detail] }))
        }

        private func explain(_ local: LocalGateway, at instant: Date) async throws -> PolicyExplanation {
            let gateway = try local.gateway(now: instant)
            if let renewal {
                do {
                    return try await gateway.explainRenewal(transactionID: renewal)
                } catch let error as StaffActionError {
                    throw CommandFailure("--renewal \(renewal): \(error.message)")
                }
            }
            guard let file else { throw CommandFailure("give a request.xml, or --renewal TX") }
            guard let data = FileManager.default.contents(atPath: file) else { throw CommandFailure("\(file): cannot read the file") }
            let request: Request
            do {
                switch try ISO18626Decoder().decode(Array(data)).message {
                case .request(let decoded):
                    request = decoded
                case .requestingAgencyMessage(let message) where message.action == .renew:
                    do {
                        return try await gateway.explainRenewal(message)
                    } catch let error as StaffActionError {
                        throw CommandFailure("\(file): \(error.message)")
                    }
                default:
                    throw CommandFailure("\(file): not an ISO 18626 request or Renew action")
                }
            } catch let error as ISO18626DecodingError {
                throw CommandFailure("\(file): \(error.description)")
            }
            switch side {
            case .lender:
                return try await gateway.explainLending(request, peerName: peer)
            case .borrower:
                let rota = peer.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } } ?? []
                return try await gateway.explainBorrowing(request, patronType: patronType, rota: rota)
            }
        }

        private func parseNow(timeZone: TimeZone) throws -> Date {
            guard let now else { return Date() }
            if let instant = TimestampFormat.parse(now) { return instant }
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = timeZone
            let parts = now.split(separator: "-").compactMap { Int($0) }
            if parts.count == 3, let day = calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2])) {
                return day
            }
            throw CommandFailure("--now: \"\(now)\" is not a timestamp like 2027-01-04T09:00:00Z or a date like 2027-01-04")
        }
    }
}
