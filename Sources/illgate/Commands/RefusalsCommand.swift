import ArgumentParser
import Transport

/// `illgate refusals`: messages the daemon refused before their sender was known (not a configured peer),
/// as the digests it keeps in memory: never their bodies.
struct RefusalsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "refusals",
        abstract: "List the latest messages refused because their sender is no configured peer."
    )

    @Option(help: "The configuration file of the running daemon (default: $ILLGATE_CONFIG, else config/illgate.toml).")
    var config: String?

    func run() async throws {
        let refusals = try await AdminClient(configurationPath: config).get("/v1/refusals", as: AdminRefusals.self)
        print(
            TextTable.render(
                header: ["AT", "TYPE", "REQUESTER", "SUPPLIER", "REQUEST ID", "BYTES", "FINGERPRINT", "ERROR"],
                rows: refusals.recent.map {
                    [$0.at, $0.type, $0.requester ?? "", $0.supplier ?? "", $0.requestID ?? "", String($0.bytes), $0.fingerprint, $0.errorValue ?? ""]
                }
            )
        )
        print("\(refusals.total) refused since the daemon started; the latest \(refusals.recent.count) are kept")
    }
}
