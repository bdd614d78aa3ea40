import Foundation
import ISO18626
import Store
import Testing
import Transactions

/// Every record type the store keeps comes back exactly as it was written, optional fields filled and empty.
@Suite struct RecordRoundTripTests {
    @Test func transactionsMessagesEventsAndOutboxEntries() async throws {
        let directory = try TemporaryDirectory()
        let store = try SQLiteTransactionStore(path: directory.database)
        var full = supplierTransaction("RT-1", state: .loaned)
        full.supplyingAgencyRequestID = "SUP-1"
        full.cancelPending = true
        full.renewalPending = true
        full.hasAnsweredRequest = true
        full.dueDate = at(86_400)
        full.lastStatus = .loaned
        full.updatedAt = at(60)
        let first = full
        let bare = TransactionRecord(
            role: .requester, state: "requested", serviceType: .copy, requestingAgencyID: "ISIL:DK-LEND",
            requestingAgencyRequestID: "RT-2", supplyingAgencyID: "ISIL:US-BORR", peerName: "lender",
            edition: .v2021, createdAt: at(0), updatedAt: at(0)
        )
        let written = try await store.write { writer in
            let transaction = try writer.insert(first)
            let other = try writer.insert(bare)
            let inbound = try writer.insert(
                MessageRecord(
                    transactionID: transaction.id, direction: .inbound, kind: .request, peerName: "borrower",
                    deduplicationKey: "dedup-1", summary: "request RT-1", headerTimestamp: at(-5), recordedAt: at(0),
                    body: "<request/>", confirmation: "<requestConfirmation/>", confirmationStatus: .ok
                )
            )
            let refused = try writer.insert(
                MessageRecord(
                    transactionID: nil, direction: .inbound, kind: nil, peerName: nil, summary: "unrecognisable",
                    headerTimestamp: nil, recordedAt: at(1), body: "<x/>", confirmationStatus: .error,
                    errorType: "BadlyFormedMessage", errorValue: "no header"
                )
            )
            let outbound = try writer.insert(
                MessageRecord(
                    transactionID: transaction.id, direction: .outbound, kind: .supplyingAgencyMessage, peerName: "borrower",
                    summary: "Loaned", headerTimestamp: at(2), recordedAt: at(2), body: "<supplyingAgencyMessage/>"
                )
            )
            try writer.append(
                EventRecord(
                    transactionID: transaction.id, at: at(0), source: .peer, event: "request", fromState: "none",
                    toState: SupplierState.requestReceived.rawValue, messageID: inbound.id, detail: "from borrower"
                )
            )
            try writer.append(
                EventRecord(
                    transactionID: transaction.id, at: at(2), source: .staff, event: "loaned",
                    fromState: SupplierState.requestReceived.rawValue, toState: SupplierState.loaned.rawValue
                )
            )
            let entry = try writer.enqueue(
                OutboxRecord(
                    transactionID: transaction.id, messageID: outbound.id, peerName: "borrower", nextAttemptAt: at(2), createdAt: at(2)
                )
            )
            return (transaction, other, inbound, refused, outbound, entry)
        }
        let (transaction, other, inbound, refused, outbound, entry) = written

        #expect(try await store.transaction(id: transaction.id) == transaction)
        #expect(try await store.transaction(id: other.id) == other)
        #expect(transaction.id != other.id)
        var expected = full
        expected.id = transaction.id
        #expect(transaction == expected)

        #expect(try await store.messages(transactionID: transaction.id) == [inbound, outbound])
        #expect(try await store.message(id: refused.id) == refused)
        #expect(inbound.body == "<request/>" && inbound.deduplicationKey == "dedup-1")

        let events = try await store.events(transactionID: transaction.id)
        #expect(events.map(\.event) == ["request", "loaned"])
        #expect(events.first?.messageID == inbound.id && events.first?.detail == "from borrower" && events.first?.source == .peer)
        #expect(events.last?.messageID == nil && events.last?.at == at(2))

        #expect(try await store.outbox(statuses: [.pending]) == [entry])
        #expect(try await store.outbox(statuses: [.delivered]).isEmpty)

        // An update comes back too, and bumps nothing it was not asked to.
        var changed = transaction
        changed.state = SupplierState.loanCompleted.rawValue
        changed.updatedAt = at(120)
        changed.dueDate = nil
        let update = changed
        try await store.write { writer in try writer.update(update) }
        let reread = try #require(try await store.transaction(id: transaction.id))
        #expect(reread.state == SupplierState.loanCompleted.rawValue && reread.dueDate == nil && reread.updatedAt == at(120))
        #expect(reread.requestingAgencyRequestID == "RT-1" && reread.cancelPending)
    }

    @Test func holdingsReviewsPolicyFactsAndTheLedger() async throws {
        let directory = try TemporaryDirectory()
        let store = try SQLiteTransactionStore(path: directory.database)
        let holding = HoldingRecord(
            isbns: ["9780142437247"], issns: ["1050-4125"], oclcNumbers: ["12345"], title: "The Whale", titleKey: "whale",
            format: "Book", location: "Main", callNumber: "PS2384", status: .onLoan, dueDate: at(86_400), acquiredOn: at(-86_400),
            licence: "ILL allowed", hasLocalHold: true, loanAllowed: true, copyAllowed: false, periodicalClass: "journal", sourceLine: 7
        )
        let plain = HoldingRecord(title: "Plain", titleKey: "plain", sourceLine: 8)
        let (transaction, review, ledger, titleID) = try await store.write { writer in
            try writer.replaceHoldings(with: [holding, plain])
            let transaction = try writer.insert(supplierTransaction("RT-3"))
            try writer.save(
                TransactionPolicyRecord(
                    transactionID: transaction.id, citationKey: "c", titleKey: "whale", issueKey: "i", isArticle: true,
                    patronKey: "p", patronType: "staff", renewalsUsed: 2, rota: ["a", "b"], decisionRule: "LEND-1", decisionTrace: "t"
                )
            )
            let review = try writer.insert(
                ReviewRecord(
                    side: .lending, transactionID: transaction.id, peerName: "borrower", title: "The Whale", rule: "REVIEW-1",
                    why: "rare", reasonIfTimedOut: "NotAvailableForILL", draft: "<d/>", draftSettings: "{}", createdAt: at(0),
                    deadline: at(3_600), code: "rare-item"
                )
            )
            let titleID = try writer.createTitleCluster(kind: "serial", displayTitle: "Journal", issns: ["1050-4125"], titleKeys: ["journal"])
            let ledger = try writer.insert(
                LedgerEntryRecord(
                    transactionID: transaction.id, titleID: titleID, scope: "library", year: 2026, basis: "CCG", counted: true,
                    code: "US-CCG", requestedAt: at(0), requestedLocal: "2026-11-18", title: "Journal", issns: "1050-4125",
                    articleTitle: "An article", volume: "3", issue: "2", pages: "1-9", publicationDate: "2020",
                    lenders: "DK-LEND", royaltyEstimate: Decimal(string: "12.50"), purgeAfter: at(86_400 * 365 * 3)
                )
            )
            return (transaction, review, ledger, titleID)
        }

        let holdings = try await store.write { writer in try writer.holdings(matching: HoldingLookup(isbns: ["9780142437247"])) }
        #expect(holdings.count == 1)
        var expectedHolding = holding
        expectedHolding.id = try #require(holdings.first?.id)
        #expect(holdings.first == expectedHolding)
        let plainBack = try await store.write { writer in try writer.holdings(matching: HoldingLookup(titleKey: "plain")) }
        #expect(plainBack.first?.loanAllowed == nil && plainBack.first?.status == .available && plainBack.first?.isbns == [])
        #expect(try await store.holdingsCount() == 2)

        let facts = try await store.write { writer in try writer.policyFacts(transactionID: transaction.id) }
        #expect(facts?.rota == ["a", "b"] && facts?.renewalsUsed == 2 && facts?.isArticle == true && facts?.decisionRule == "LEND-1")

        #expect(try await store.reviews(states: [.open]) == [review])
        #expect(review.code == "rare-item")
        #expect(try await store.ledger(year: 2026) == [ledger])
        #expect(ledger.royaltyEstimate == Decimal(string: "12.50"))
        let cluster = try await store.titleClusters(ids: [titleID])
        #expect(cluster.first?.issns == ["1050-4125"] && cluster.first?.titleKeys == ["journal"])
    }
}
