import ArgumentParser

/// The `illgate` command: the ISO 18626 interlibrary-loan gateway and its staff tools.
@main
struct Illgate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "illgate",
        abstract: "ISO 18626 interlibrary-loan gateway.",
        discussion: "Exchanges ISO 18626 messages with peer libraries and keeps every loan and copy transaction.",
        version: IllgateVersion.current,
        subcommands: [
            ServeCommand.self, CheckConfigCommand.self, ValidateCommand.self, RequestCommand.self, TransactionsCommand.self,
            OutboxCommand.self, ReviewCommand.self, HoldingsCommand.self, PolicyCommand.self, ReportCommand.self, RoyaltiesCommand.self,
            StatesCommand.self, RefusalsCommand.self, ChargeCommand.self, InvoiceCommand.self, WorklistCommand.self, PrintCommand.self,
            NoticeCommand.self, PullCommand.self,
            NoticeCommand.self,
            RemindCommand.self,
        ]
    )
}

/// The version string `illgate --version` prints.
enum IllgateVersion {
    static let current = "0.1.0"
}
