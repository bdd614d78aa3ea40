import Foundation
import Gateway
import ISO18626
import Store
import Testing
import Transactions

/// Patron notices on the borrowing side: ready for pickup at the branch when staff mark the loan received,
/// overdue and recalled from the housekeeping sweep, each once, through a mail command or into a spool directory.
@Suite struct PatronNoticeTests {
    static let address = "ada.reader@example.org"

    /// The shipped templates, `config/notices/`.
    static var shippedTemplates: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("config/notices", isDirectory: true)
    }

    static func request(email: String? = address) -> BorrowingRequest {
        var request = DeskTests.request(pickup: "LAW")
        request.patronInfo?.address = email.map { [.electronic(ElectronicAddress(type: "email", data: $0))] } ?? []
        return request
    }

    /// A fake `sendmail`: each run appends its arguments and then its standard input to `mail.log` beside it.
    static func fakeSendmail(in directory: URL) throws -> [String] {
        let script = directory.appendingPathComponent("sendmail")
        let log = directory.appendingPathComponent("mail.log").path
        try "#!/bin/sh\necho \"ARGS $*\" >> '\(log)'\ncat >> '\(log)'\necho '--END--' >> '\(log)'\n".write(to: script, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
        return [script.path, "-t"]
    }

    /// A borrowed loan on the borrower's side, shipped with a due date 14 days ahead.
    static func shippedLoan(_ pair: LibraryPair, email: String? = address) async throws -> TransactionRecord {
        let borrowing = try await pair.borrower.borrow(request(email: email))
        try await pair.deliverAll()
        let lending = try await pair.lenderTransaction(for: borrowing)
        _ = try await pair.lender.perform(SupplierCommand(.ship, dueDate: pair.clock.now.addingTimeInterval(14 * 86_400)), onTransaction: lending.id)
        try await pair.deliverAll()
        return borrowing
    }

    @Test func readyForPickupGoesThroughSendmailOnReceiptAndOverdueOnceAfterTheDueDate() async throws {
        let scratch = try TemporaryDatabase()
        let notices = NoticeConfiguration(
            templates: try NoticeTemplates(directory: Self.shippedTemplates),
            delivery: .command(try Self.fakeSendmail(in: scratch.directory)),
            sender: "ill@borrower.example"
        )
        let pair = try LibraryPair(borrowerBranches: DeskTests.branches, borrowerNotices: notices)
        let borrowing = try await Self.shippedLoan(pair)
        let mailLog = scratch.directory.appendingPathComponent("mail.log")
        #expect(!FileManager.default.fileExists(atPath: mailLog.path), "nothing is sent before the item arrives")

        _ = try await pair.borrower.perform(RequesterCommand(.markReceived), onTransaction: borrowing.id)
        let first = try String(contentsOf: mailLog, encoding: .utf8)
        #expect(first.hasPrefix("ARGS -t\nFrom: ill@borrower.example\nTo: \(Self.address)\nSubject: Your interlibrary loan is ready for pickup at Law Library\n"))
        #expect(first.contains("Moby-Dick / Melville, Herman") && first.contains("You can collect it at Law Library.") && first.contains(borrowing.requestingAgencyRequestID))
        #expect(try await pair.borrower.sendDuePatronNotices().isEmpty, "not yet due")

        pair.clock.advance(days: 15)
        let overdue = try await pair.borrower.sendDuePatronNotices()
        #expect(overdue == [SentPatronNotice(kind: .overdue, transactionID: borrowing.id, requestID: borrowing.requestingAgencyRequestID)])
        let both = try String(contentsOf: mailLog, encoding: .utf8)
        #expect(both.components(separatedBy: "--END--").count == 3 && both.contains("Subject: Overdue interlibrary loan: Moby-Dick"))
        pair.clock.advance(days: 3)
        #expect(try await pair.borrower.sendDuePatronNotices().isEmpty, "each notice goes out once")

        let events = try await pair.borrower.store.events(transactionID: borrowing.id)
        #expect(events.filter { $0.event.hasPrefix("notice:") }.map(\.event) == ["notice:ready-for-pickup", "notice:overdue"])
        #expect(!events.contains { ($0.detail ?? "").contains(Self.address) }, "the history never holds the address")
    }

    @Test func aRecallNoticeIsSpooledAsOneFileWhenNoCommandIsConfigured() async throws {
        let spool = try TemporaryDatabase()
        let notices = NoticeConfiguration(
            templates: try NoticeTemplates(directory: Self.shippedTemplates),
            delivery: .spool(spool.directory),
            sender: "ill@borrower.example"
        )
        let pair = try LibraryPair(borrowerBranches: DeskTests.branches, borrowerNotices: notices)
        let borrowing = try await Self.shippedLoan(pair)
        _ = try await pair.borrower.perform(RequesterCommand(.markReceived), onTransaction: borrowing.id)
        let lending = try await pair.lenderTransaction(for: borrowing)
        pair.clock.advance(days: 2)
        _ = try await pair.lender.perform(SupplierCommand(.recall), onTransaction: lending.id)
        try await pair.deliverAll()

        let sent = try await pair.borrower.sendDuePatronNotices()
        #expect(sent.map(\.kind) == [.recalled])
        #expect(try await pair.borrower.sendDuePatronNotices().isEmpty)
        let files = try FileManager.default.contentsOfDirectory(atPath: spool.directory.path).filter { $0.hasSuffix(".eml") }.sorted()
        #expect(files.count == 2 && files.allSatisfy { $0.hasPrefix("\(borrowing.id)-") })
        let recall = try #require(files.first { $0.contains("-recalled-") })
        let text = try String(contentsOf: spool.directory.appendingPathComponent(recall), encoding: .utf8)
        #expect(text.hasPrefix("From: ill@borrower.example\nTo: \(Self.address)\nSubject: Recalled interlibrary loan: Moby-Dick\n"))
        #expect(text.contains("Please return it to Law Library"))
    }

    @Test func theAddressStaysOnOurSideUnlessTheLenderIsToSendToThePatron() async throws {
        let pair = try LibraryPair(borrowerBranches: DeskTests.branches)
        let borrowing = try await pair.borrower.borrow(Self.request())
        #expect(borrowing.patronEmail == Self.address)
        #expect(try await pair.borrower.transaction(id: borrowing.id)?.patronEmail == Self.address)
        try await pair.deliverAll()
        let sent = try #require(try await pair.borrower.store.messages(transactionID: borrowing.id).first { $0.kind == .request })
        #expect(!sent.body.contains(Self.address) && !sent.body.contains("electronicAddress"))
        #expect(sent.body.contains("<patronInfo>"), "the rest of the patron's details still go")
        let lending = try await pair.lenderTransaction(for: borrowing)
        #expect(try await pair.lender.store.messages(transactionID: lending.id).allSatisfy { !$0.body.contains(Self.address) })

        // A request the lender is to send straight to the patron carries the address it needs.
        var direct = Self.request()
        direct.patronInfo?.sendToPatron = true
        let directBorrowing = try await pair.borrower.borrow(direct)
        let directSent = try #require(try await pair.borrower.store.messages(transactionID: directBorrowing.id).first { $0.kind == .request })
        #expect(directSent.body.contains(Self.address) && directBorrowing.patronEmail == Self.address)
    }

    @Test func aMailCommandThatFailsOrIsGoneIsRecordedAsAFailedNoticeWithItsReason() async throws {
        let scratch = try TemporaryDatabase()
        let failing = scratch.directory.appendingPathComponent("sendmail-failing")
        try "#!/bin/sh\ncat > /dev/null\nexit 3\n".write(to: failing, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: failing.path)
        for (command, reason) in [([failing.path, "-t"], "exited with status 3"), ([scratch.directory.path + "/gone", "-t"], "No such file or directory")] {
            let notices = NoticeConfiguration(templates: try NoticeTemplates(directory: Self.shippedTemplates), delivery: .command(command), sender: "ill")
            let pair = try LibraryPair(borrowerBranches: DeskTests.branches, borrowerNotices: notices)
            let borrowing = try await Self.shippedLoan(pair)
            let received = try await pair.borrower.perform(RequesterCommand(.markReceived), onTransaction: borrowing.id)
            #expect(received.state == RequesterState.received.rawValue, "the receipt stands")
            let last = try #require(try await pair.borrower.store.events(transactionID: borrowing.id).last)
            #expect(last.event == "notice-failed:ready-for-pickup" && last.detail?.contains(reason) == true, "\(last.detail ?? "")")
            #expect(last.detail?.contains(Self.address) == false)
        }
    }

    @Test func aRequestWithoutAnAddressIsRecordedAsAFailedNoticeAndTheReceiptStands() async throws {
        let spool = try TemporaryDatabase()
        let notices = NoticeConfiguration(templates: try NoticeTemplates(directory: Self.shippedTemplates), delivery: .spool(spool.directory), sender: "ill")
        let pair = try LibraryPair(borrowerBranches: DeskTests.branches, borrowerNotices: notices)
        let borrowing = try await Self.shippedLoan(pair, email: nil)
        let received = try await pair.borrower.perform(RequesterCommand(.markReceived), onTransaction: borrowing.id)
        #expect(received.state == RequesterState.received.rawValue)
        #expect(try await pair.borrower.store.events(transactionID: borrowing.id).last?.event == "notice-failed:ready-for-pickup")
        #expect(try FileManager.default.contentsOfDirectory(atPath: spool.directory.path).filter { $0.hasSuffix(".eml") }.isEmpty)
    }

    @Test func theAddressIsPurgedWithThePatronDataAndNoNoticeCanBeSentAfter() async throws {
        let spool = try TemporaryDatabase()
        let notices = NoticeConfiguration(templates: try NoticeTemplates(directory: Self.shippedTemplates), delivery: .spool(spool.directory), sender: "ill")
        let pair = try LibraryPair(borrowerBranches: DeskTests.branches, borrowerNotices: notices)
        let borrowing = try await pair.borrower.borrow(Self.request())
        try await pair.deliverAll()
        _ = try await pair.borrower.perform(RequesterCommand(.cancel), onTransaction: borrowing.id)
        try await pair.deliverAll()
        _ = try await pair.lender.perform(SupplierCommand(.acceptCancel), onTransaction: try await pair.lenderTransaction(for: borrowing).id)
        try await pair.deliverAll()
        pair.clock.advance(seconds: 1)
        #expect(try await pair.borrower.purgePatronData(retainingDays: 0).transactions == 1)
        let bodies = try await pair.borrower.store.messages(transactionID: borrowing.id).map(\.body)
        #expect(!bodies.isEmpty && bodies.allSatisfy { !$0.contains(Self.address) })
        #expect(try await pair.borrower.transaction(id: borrowing.id)?.patronEmail == nil, "the address kept on our side is purged too")
        await #expect(throws: NoticeDeliveryError.self) {
            try await pair.borrower.sendPatronNotice(.overdue, onTransaction: borrowing.id)
        }
    }

    @Test func anUnknownPlaceholderIsAnErrorNamingTheFileAndLine() throws {
        let directory = try TemporaryDatabase()
        for kind in PatronNoticeKind.allCases {
            try FileManager.default.copyItem(
                at: Self.shippedTemplates.appendingPathComponent(kind.templateFileName),
                to: directory.directory.appendingPathComponent(kind.templateFileName)
            )
        }
        let bad = directory.directory.appendingPathComponent("overdue.mustache")
        try "Subject: Overdue\n\nDear {{patron_email}},\nyour {{ title }} is late.\nFine: {{#fine}}{{amount}}{{/fine}}\n".write(to: bad, atomically: true, encoding: .utf8)
        #expect {
            try NoticeTemplates(directory: directory.directory)
        } throws: { error in
            guard let error = error as? NoticeTemplateError else { return false }
            return error.code == .unknownPlaceholder && error.file == bad.path && error.line == 5 && error.description.contains("'fine'")
        }
        try FileManager.default.removeItem(at: bad)
        #expect {
            try NoticeTemplates(directory: directory.directory)
        } throws: { error in
            (error as? NoticeTemplateError)?.code == .missing
        }
    }
}
