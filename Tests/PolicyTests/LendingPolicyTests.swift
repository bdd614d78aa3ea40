import Foundation
import ISO18626
import Policy
import Testing

@Suite("Lending policy L01–L17")
struct LendingPolicyTests {
    static let received = LendingFixture.received

    static let cases: [LendingCase] = [
        // The pass case for every rule: a loan from a known peer for an available book.
        LendingCase("L17", "a plain loan passes every rule and is supplied", expect: .accept(.loan), extra: { decision in
            guard case .accept(let acceptance) = decision.outcome else { return }
            #expect(acceptance.status == .willSupply)
            #expect(acceptance.proposedDueDate == LendingFixture.date(2026, 4, 21))
            #expect(acceptance.deliveryMethod?.value == "Mail")
            #expect(acceptance.charge == LendingFixture.usd("15"))
            #expect(decision.trace.firedRules == [.l17])
            #expect(decision.trace.contains { $0.rule == .c01 && $0.verdict == .skipped }, "loans skip copyright")
        }) { _ in },

        // L01 unknown peers.
        LendingCase("L01", "unknown peer refused by default", expect: .unfilled("PolicyProblem", by: "L01")) { s in
            s.peer.isKnown = false
        },
        LendingCase("L01", "unknown peer held when unknown_peers = review", expect: .review(by: "L01")) { s in
            s.peer.isKnown = false
            s.configuration.lending.unknownPeers = .review
        },
        LendingCase("L01", "unknown peer served when unknown_peers = accept", expect: .accept(.loan)) { s in
            s.peer.isKnown = false
            s.configuration.lending.unknownPeers = .accept
        },

        // L02 closures.
        LendingCase("L02", "closed lending offers a retry after reopening", expect: .retry("NotCurrentAvailableForILL", by: "L02"), extra: { decision in
            guard case .retryPossible(let retry) = decision.outcome else { return }
            #expect(retry.offers.retryAfter == LendingFixture.date(2026, 3, 20))
        }) { s in
            s.configuration.lending.closedUntil = LendingFixture.date(2026, 3, 20)
        },
        LendingCase("L02", "a closure that has ended does not fire", expect: .accept(.loan)) { s in
            s.configuration.lending.closedUntil = LendingFixture.date(2026, 3, 1)
        },

        // L03 blocks.
        LendingCase("L03", "blocked_peers matches the agency id case-insensitively", expect: .unfilled("PolicyProblem", by: "L03")) { s in
            s.configuration.lending.blockedPeers = ["isil:us-aaa"]
        },
        LendingCase("L03", "a peer blocked in its own entry", expect: .unfilled("PolicyProblem", by: "L03")) { s in
            s.peer.isBlocked = true
        },

        // L04 service type and geography, both editions.
        LendingCase("L04", "copy not offered, loan possible, 2017: LoanPossible", expect: .retry("LoanPossible", by: "L04")) { s in
            s = .copy()
            s.peer.edition = .v1_2
            s.configuration.lending.serviceTypes = [.loan]
        },
        LendingCase("L04", "copy not offered, loan possible, 2021: ReqServTypeNotPossible + serviceType Loan", expect: .retry("ReqServTypeNotPossible", by: "L04"), extra: { decision in
            guard case .retryPossible(let retry) = decision.outcome else { return }
            #expect(retry.offers.serviceType == .loan)
        }) { s in
            s = .copy()
            s.configuration.lending.serviceTypes = [.loan]
        },
        LendingCase("L04", "loan not offered, copy possible, 2017: Unfilled NotAvailableForILL", expect: .unfilled("NotAvailableForILL", by: "L04"), extra: { decision in
            guard case .unfilled(let refusal) = decision.outcome else { return }
            #expect(refusal.note.contains("copy is possible"))
        }) { s in
            s.peer.edition = .v1_2
            s.peer.serviceTypes = [.copy]
        },
        LendingCase("L04", "loan not offered, copy possible, 2021: ReqServTypeNotPossible + serviceType Copy", expect: .retry("ReqServTypeNotPossible", by: "L04"), extra: { decision in
            guard case .retryPossible(let retry) = decision.outcome else { return }
            #expect(retry.offers.serviceType == .copy)
        }) { s in
            s.peer.serviceTypes = [.copy]
        },
        LendingCase("L04", "the offered other type is still checked: not held wins", expect: .unfilled("NotHeld", by: "L07")) { s in
            s.peer.serviceTypes = [.copy]
            s.item = .notHeld
        },
        LendingCase("L04", "geography from the ISIL prefix: no loans or copies to GB", expect: .unfilled("PolicyProblem", by: "L04")) { s in
            s.peer = LendingFixture.peer(country: nil, isil: "GB-XYZ")
            s.configuration.lending.loanCountries = ["US", "CA"]
            s.configuration.lending.copyCountries = ["US"]
        },
        LendingCase("L04", "a country in loan_countries passes", expect: .accept(.loan)) { s in
            s.peer = LendingFixture.peer(country: "ca", isil: "CA-XYZ")
            s.configuration.lending.loanCountries = ["US", "CA"]
        },

        // L05 CopyOrLoan.
        LendingCase("L05", "CopyOrLoan of a non-circulating item becomes a copy", expect: .accept(.copy)) { s in
            s = .copy()
            s.service { $0.serviceType = .copyOrLoan }
            s.item.availability = .nonCirculating
        },
        LendingCase("L05", "CopyOrLoan with copy preferred but undeclared falls back to a loan", expect: .accept(.loan)) { s in
            s = .copy(declaration: nil)
            s.service { $0.serviceType = .copyOrLoan }
            s.configuration.lending.copyOrLoanPreference = .copy
        },
        LendingCase("L05", "CopyOrLoan on loan: the copy is held up too, the loan's retry answers", expect: .retry("OnLoan", by: "L07")) { s in
            s = .copy()
            s.service { $0.serviceType = .copyOrLoan }
            s.item.availability = .onLoan(due: LendingFixture.date(2026, 4, 1))
        },
        LendingCase("L05", "CopyOrLoan: loan refused, copy over the maximum: the copy's offer, marked Copy", expect: .retry("CostExceedsMaxCost", by: "L13"), extra: { decision in
            guard case .retryPossible(let retry) = decision.outcome else { return }
            #expect(retry.offers.serviceType == .copy)
            #expect(retry.offers.offeredCosts == [LendingFixture.usd("10")])
        }) { s in
            s = .copy()
            s.service { $0.serviceType = .copyOrLoan }
            s.item.availability = .nonCirculating
            s.request.billingInfo?.maximumCosts = LendingFixture.usd("5")
        },
        LendingCase("L05", "CopyOrLoan not held: unfilled whichever type", expect: .unfilled("NotHeld", by: "L07")) { s in
            s = .copy()
            s.service { $0.serviceType = .copyOrLoan }
            s.item = .notHeld
        },
        LendingCase("L05", "a 2017 request without serviceInfo and with pages is a copy", expect: .accept(.copy)) { s in
            s = .copy()
            s.request.serviceInfo = nil
            s.configuration.copyright.onMissingDeclaration = .assume
            s.peer.copyrightAssume = "US-CCG"
        },

        // L06 red flags.
        LendingCase("L06", "the same citation again within duplicate_hours", expect: .review(by: "L06")) { s in
            s.history.sameCitationFromPeer = 1
        },
        LendingCase("L06", "same-title copies at the maximum: the next is a red flag", expect: .review(by: "L06")) { s in
            s = .copy()
            s.history.sameTitleCopiesFromPeer = 5
        },
        LendingCase("L06", "same-title copies below the maximum pass", expect: .accept(.copy)) { s in
            s = .copy()
            s.history.sameTitleCopiesFromPeer = 4
        },
        LendingCase("L06", "a second article from one issue", expect: .review(by: "L06")) { s in
            s = .copy()
            s.history.sameIssueArticlesFromPeer = 1
        },
        LendingCase("L06", "red flags refuse when action = unfilled", expect: .unfilled("PolicyProblem", by: "L06")) { s in
            s.history.sameCitationFromPeer = 2
            s.configuration.lending.redFlags.action = .unfilled
        },

        // L07 item facts.
        LendingCase("L07", "not held", expect: .unfilled("NotHeld", by: "L07")) { s in s.item = .notHeld },
        LendingCase("L07", "missing", expect: .unfilled("NotOnShelf", by: "L07")) { s in s.item.availability = .missing },
        LendingCase("L07", "lost", expect: .unfilled("NotOnShelf", by: "L07")) { s in s.item.availability = .lost },
        LendingCase("L07", "non-circulating loan", expect: .unfilled("NonCirculating", by: "L07")) { s in s.item.availability = .nonCirculating },
        LendingCase("L07", "a copy of a non-circulating item is fine", expect: .accept(.copy)) { s in
            s = .copy()
            s.item.availability = .nonCirculating
        },
        LendingCase("L07", "format in formats_not_lent (case-insensitive)", expect: .unfilled("NotAvailableForILL", by: "L07")) { s in s.item.format = "dvd" },
        LendingCase("L07", "requested itemFormat in formats_not_lent", expect: .unfilled("NotAvailableForILL", by: "L07")) { s in
            s.item.format = nil
            s.service { $0.itemFormat = "BLU-RAY" }
        },
        LendingCase("L07", "licence forbids ILL", expect: .unfilled("NotAvailableForILL", by: "L07")) { s in s.item.licence = .notPermitted },
        LendingCase("L07", "poor condition", expect: .unfilled("PoorCondition", by: "L07")) { s in s.item.availability = .poorCondition },
        LendingCase("L07", "citation mismatch", expect: .retry("NotFoundAsCited", by: "L07")) { s in s.item.availability = .citationMismatch },
        LendingCase("L07", "on loan: retry after the due date", expect: .retry("OnLoan", by: "L07"), extra: { decision in
            guard case .retryPossible(let retry) = decision.outcome else { return }
            #expect(retry.offers.retryAfter == LendingFixture.date(2026, 4, 2))
        }) { s in s.item.availability = .onLoan(due: LendingFixture.date(2026, 4, 2)) },
        LendingCase("L07", "at bindery", expect: .retry("AtBindery", by: "L07")) { s in s.item.availability = .atBindery(until: nil) },
        LendingCase("L07", "on order", expect: .retry("OnOrder", by: "L07")) { s in s.item.availability = .onOrder(expected: LendingFixture.date(2026, 5, 1)) },

        // L08 embargo boundary (180 days).
        LendingCase("L08", "acquired 179 days ago: embargoed", expect: .retry("NotCurrentAvailableForILL", by: "L08"), extra: { decision in
            guard case .retryPossible(let retry) = decision.outcome else { return }
            #expect(retry.offers.retryAfter == LendingFixture.date(2026, 3, 11))
        }) { s in
            s.item.acquiredOn = LendingFixture.date(2025, 9, 12)
        },
        LendingCase("L08", "acquired exactly 180 days ago: lent", expect: .accept(.loan)) { s in
            s.item.acquiredOn = LendingFixture.date(2025, 9, 11)
        },
        LendingCase("L08", "no acquisition date: the publication date is used", expect: .retry("NotCurrentAvailableForILL", by: "L08")) { s in
            s.item.acquiredOn = nil
            s.request.publicationInfo?.publicationDate = "January 2026"
        },
        LendingCase("L08", "copies are not embargoed", expect: .accept(.copy)) { s in
            s = .copy()
            s.item.acquiredOn = LendingFixture.date(2026, 3, 1)
        },

        // L09 licence.
        LendingCase("L09", "print-only licence: an emailed copy is offered by mail", expect: .retry("ReqDelMethodNotSupp", by: "L14"), extra: { decision in
            guard case .retryPossible(let retry) = decision.outcome else { return }
            #expect(retry.offers.deliveryMethod.map(\.value) == ["Mail"])
            #expect(decision.trace.contains { $0.rule == .l09 && $0.verdict == .fired })
        }) { s in
            s = .copy()
            s.item.licence = .printOnly
            s.request.requestedDeliveryInfo = [RequestedDeliveryInfo(sortOrder: 1, deliveryMethod: "Email")]
        },
        LendingCase("L09", "domestic-only licence and a peer abroad", expect: .unfilled("NotAvailableForILL", by: "L09")) { s in
            s.item.licence = .domesticOnly
            s.peer = LendingFixture.peer(country: "GB", isil: "GB-XYZ")
        },
        LendingCase("L09", "domestic-only licence and a domestic peer", expect: .accept(.loan)) { s in
            s.item.licence = .domesticOnly
        },

        // L10 quota (10).
        LendingCase("L10", "open loans exactly at the maximum: refused", expect: .unfilled("PolicyProblem", by: "L10")) { s in
            s.history.openLoansToPeer = 10
        },
        LendingCase("L10", "one under the maximum: lent", expect: .accept(.loan)) { s in
            s.history.openLoansToPeer = 9
        },
        LendingCase("L10", "quota_action = retry", expect: .retry("NotCurrentAvailableForILL", by: "L10")) { s in
            s.history.openLoansToPeer = 12
            s.configuration.lending.quotaAction = .retry
        },
        LendingCase("L10", "copies are not counted against the loan quota", expect: .accept(.copy)) { s in
            s = .copy()
            s.history.openLoansToPeer = 50
        },

        // L11 format feasibility, both editions.
        LendingCase("L11", "2021: large print wanted, held as printed", expect: .retry("ReqFormatNotPossible", by: "L11"), extra: { decision in
            guard case .retryPossible(let retry) = decision.outcome else { return }
            #expect(retry.offers.itemFormat.map(\.value) == ["Printed"])
        }) { s in
            s.item.format = "Printed"
            s.service { $0.itemFormat = "LargePrint" }
        },
        LendingCase("L11", "2017: large print wanted, held as printed", expect: .unfilled("NotAvailableForILL", by: "L11")) { s in
            s.peer.edition = .v1_2
            s.item.format = "printed"
            s.service { $0.itemFormat = "LargePrint" }
        },

        // L12 payment, both editions.
        LendingCase("L12", "2021: credit card not accepted", expect: .retry("ReqPayMethodNotSupported", by: "L12"), extra: { decision in
            guard case .retryPossible(let retry) = decision.outcome else { return }
            #expect(retry.offers.paymentMethod.map(\.value).contains("IFM"))
        }) { s in
            s.request.billingInfo?.paymentMethod = "CreditCard"
        },
        LendingCase("L12", "2017: credit card not accepted → Unfilled PolicyProblem", expect: .unfilled("PolicyProblem", by: "L12")) { s in
            s.peer.edition = .v1_2
            s.request.billingInfo?.paymentMethod = "CreditCard"
        },
        LendingCase("L12", "ifm accepted case-insensitively", expect: .accept(.loan)) { s in
            s.request.billingInfo?.paymentMethod = "ifm"
        },

        // L13 cost.
        LendingCase("L13", "charge equal to the maximum is accepted", expect: .accept(.loan)) { s in
            s.request.billingInfo?.maximumCosts = LendingFixture.usd("15.00")
        },
        LendingCase("L13", "one cent under our charge: retry with our charge", expect: .retry("CostExceedsMaxCost", by: "L13"), extra: { decision in
            guard case .retryPossible(let retry) = decision.outcome else { return }
            #expect(retry.offers.offeredCosts == [LendingFixture.usd("15")])
        }) { s in
            s.request.billingInfo?.maximumCosts = LendingFixture.usd("14.99")
        },
        LendingCase("L13", "a maximum in another currency is never converted", expect: .retry("CostExceedsMaxCost", by: "L13"), extra: { decision in
            guard case .retryPossible(let retry) = decision.outcome else { return }
            #expect(retry.offers.offeredCosts.first?.currencyCode.value == "USD")
        }) { s in
            s.request.billingInfo?.maximumCosts = Costs(currencyCode: "EUR", monetaryValue: 100)
        },
        LendingCase("L13", "no maximum and a charge: accept_if_free offers the charge", expect: .retry("CostExceedsMaxCost", by: "L13")) { s in
            s.request.billingInfo = nil
        },
        LendingCase("L13", "no maximum, reciprocal group free: supplied", expect: .accept(.loan)) { s in
            s.request.billingInfo = nil
            s.peer.groups = ["Reciprocal"]
            s.configuration.lending.charges.groupOverrides = ["reciprocal": .init(loan: 0, copy: 0)]
        },
        LendingCase("L13", "no maximum and when_max_cost_absent = accept", expect: .accept(.loan)) { s in
            s.request.billingInfo = nil
            s.configuration.lending.charges.whenMaximumAbsent = .accept
        },

        // L14 delivery.
        LendingCase("L14", "the first requested method by sortOrder that we allow", expect: .accept(.copy), extra: { decision in
            guard case .accept(let acceptance) = decision.outcome else { return }
            #expect(acceptance.deliveryMethod?.value == "URL")
        }) { s in
            s = .copy()
            s.request.requestedDeliveryInfo = [
                RequestedDeliveryInfo(sortOrder: 3, deliveryMethod: "Email"),
                RequestedDeliveryInfo(sortOrder: 2, deliveryMethod: "url"),
                RequestedDeliveryInfo(sortOrder: 1, deliveryMethod: "Odyssey"),
            ]
        },
        LendingCase("L14", "no requested method we allow", expect: .retry("ReqDelMethodNotSupp", by: "L14"), extra: { decision in
            guard case .retryPossible(let retry) = decision.outcome else { return }
            #expect(retry.offers.deliveryMethod.map(\.value) == ["Mail", "Courier"])
        }) { s in
            s.request.requestedDeliveryInfo = [RequestedDeliveryInfo(sortOrder: 1, deliveryMethod: "Email")]
        },

        // L15 need-before date (loan: 2 processing + 5 shipping days).
        LendingCase("L15", "needed in 3 days: cannot be met for a loan", expect: .retry("ReqDelDateNotPossible", by: "L15")) { s in
            s.service { $0.needBeforeDate = LendingFixture.date(2026, 3, 13) }
        },
        LendingCase("L15", "needed in 7 days: met", expect: .accept(.loan)) { s in
            s.service { $0.needBeforeDate = LendingFixture.date(2026, 3, 17) }
        },

        // L16 service level, both editions.
        LendingCase("L16", "2021: Rush not offered", expect: .retry("ReqServLevelNotSupp", by: "L16")) { s in
            s.service { $0.serviceLevel = "Rush" }
        },
        LendingCase("L16", "2017: Rush downgraded to Normal with a note", expect: .accept(.loan), extra: { decision in
            guard case .accept(let acceptance) = decision.outcome else { return }
            #expect(acceptance.note?.hasPrefix("[illgate:service-level-downgraded]") == true)
        }) { s in
            s.peer.edition = .v1_2
            s.service { $0.serviceLevel = "Rush" }
        },
        LendingCase("L16", "2017 without downgrade: Unfilled PolicyProblem", expect: .unfilled("PolicyProblem", by: "L16")) { s in
            s.peer.edition = .v1_2
            s.configuration.lending.downgradeServiceLevel = false
            s.service { $0.serviceLevel = "Rush" }
        },

        // L17 acceptance modes.
        LendingCase("L17", "auto-responder off: staff review", expect: .review(by: "L17")) { s in
            s.configuration.lending.autoResponder = .off
        },
        LendingCase("L17", "due date includes shipping both ways", expect: .accept(.loan), extra: { decision in
            guard case .accept(let acceptance) = decision.outcome else { return }
            #expect(acceptance.status == .expectToSupply)
            #expect(acceptance.proposedDueDate == LendingFixture.date(2026, 5, 1))
            #expect(acceptance.loanConditions.map(\.value) == ["LibraryUseOnly"])
        }) { s in
            s.configuration.lending.autoResponder = .expectToSupply
            s.configuration.lending.dueDateIncludesShipping = true
            s.configuration.lending.loanConditions = ["LibraryUseOnly"]
        },

        // Combination.
        LendingCase("merge", "two fixable failures merge: first reason, both offers", expect: .retry("NotCurrentAvailableForILL", by: "L02"), extra: { decision in
            guard case .retryPossible(let retry) = decision.outcome else { return }
            #expect(retry.offers.retryAfter == LendingFixture.date(2026, 3, 20))
            #expect(retry.offers.offeredCosts == [LendingFixture.usd("15")])
            #expect(retry.note.contains("[illgate:lending-closed]") && retry.note.contains("[illgate:cost]"))
            #expect(decision.trace.firedRules == [.l02, .l13])
        }) { s in
            s.configuration.lending.closedUntil = LendingFixture.date(2026, 3, 20)
            s.request.billingInfo?.maximumCosts = LendingFixture.usd("5")
        },
        LendingCase("merge", "a terminal refusal beats an earlier retry", expect: .unfilled("NotHeld", by: "L07")) { s in
            s.configuration.lending.closedUntil = LendingFixture.date(2026, 3, 20)
            s.item = .notHeld
        },
        LendingCase("merge", "review stops evaluation by default", expect: .review(by: "L06")) { s in
            s.history.sameCitationFromPeer = 1
            s.item = .notHeld
        },
        LendingCase("merge", "review_stops = false: a later refusal wins", expect: .unfilled("NotHeld", by: "L07")) { s in
            s.configuration.reviewStops = false
            s.history.sameCitationFromPeer = 1
            s.item = .notHeld
        },
        LendingCase("merge", "review_stops = false: the review beats a later retry", expect: .review(by: "L06")) { s in
            s.configuration.reviewStops = false
            s.history.sameCitationFromPeer = 1
            s.item.availability = .onLoan(due: nil)
        },
    ]

    @Test("lending rules", arguments: cases)
    func lending(_ testCase: LendingCase) {
        testCase.run()
    }

    @Test("every L rule fires in some case")
    func coverage() {
        let fired = Set(Self.cases.flatMap { testCase -> [RuleID] in
            var scenario = LendingScenario()
            testCase.setUp(&scenario)
            return scenario.decide().trace.firedRules
        })
        for rule in (1...17).map({ RuleID(rawValue: String(format: "L%02d", $0)) }) {
            #expect(fired.contains(rule), "\(rule) never fires")
        }
    }

    // MARK: - Wire shapes

    static func merged(edition: Edition) -> LendingDecision {
        var scenario = LendingScenario()
        scenario.peer.edition = edition
        scenario.configuration.lending.closedUntil = LendingFixture.date(2026, 3, 20)
        scenario.request.billingInfo?.maximumCosts = LendingFixture.usd("5")
        scenario.request.requestedDeliveryInfo = [RequestedDeliveryInfo(sortOrder: 1, deliveryMethod: "Email")]
        return scenario.decide()
    }

    @Test("2021 merged retry: reasonRetry the first, retryInfo with every offer")
    func mergedReply2021() throws {
        let reply = try #require(Self.merged(edition: .v2021).reply(for: .v2021))
        #expect(reply.status == .retryPossible)
        #expect(reply.reasonRetry == .notCurrentAvailableForILL)
        #expect(reply.reasonUnfilled == nil)
        let info = try #require(reply.retryInfo)
        #expect(info.retryAfter == LendingFixture.date(2026, 3, 20))
        #expect(info.offeredCosts == [LendingFixture.usd("15")])
        #expect(info.deliveryMethod.map(\.value) == ["Mail", "Courier"])
        #expect(reply.note?.contains("[illgate:offers]") == false)
    }

    @Test("2017 merged retry: only cost and dates travel, the note lists every offer")
    func mergedReply2017() throws {
        let reply = try #require(Self.merged(edition: .v1_2).reply(for: .v1_2))
        #expect(reply.status == .retryPossible)
        #expect(reply.reasonRetry == .notCurrentAvailableForILL)
        #expect(reply.reasonUnfilled == nil)
        let info = try #require(reply.retryInfo)
        #expect(info.deliveryMethod.isEmpty)
        #expect(info.offeredCosts == [LendingFixture.usd("15")])
        #expect(info.retryAfter == LendingFixture.date(2026, 3, 20))
        let note = try #require(reply.note)
        #expect(note.contains("[illgate:offers]"))
        #expect(note.contains("delivery by Mail, Courier"))
        #expect(note.contains("cost 15.00 USD"))
        #expect(note.contains("retry after 2026-03-20"))
    }

    @Test("copy not possible, loan possible: LoanPossible for 2017, ReqServTypeNotPossible for 2021")
    func loanPossibleReplies() throws {
        var scenario = LendingScenario.copy()
        scenario.configuration.lending.serviceTypes = [.loan]
        scenario.peer.edition = .v1_2
        let old = try #require(scenario.decide().reply(for: .v1_2))
        #expect(old.reasonRetry == .loanPossible)
        #expect(old.retryInfo == nil)
        #expect(old.note?.contains("service type Loan") == true)
        scenario.peer.edition = .v2021
        let new = try #require(scenario.decide().reply(for: .v2021))
        #expect(new.reasonRetry == .reqServTypeNotPossible)
        #expect(new.retryInfo?.serviceType == .loan)
    }

    @Test("unfilled, accepted and held decisions on the wire")
    func otherReplies() throws {
        var scenario = LendingScenario()
        scenario.item = .notHeld
        let unfilled = try #require(scenario.decide().reply(for: .v2021))
        #expect(unfilled.status == .unfilled)
        #expect(unfilled.reasonUnfilled == .notHeld)
        #expect(unfilled.reasonRetry == nil)
        #expect(unfilled.retryInfo == nil)
        #expect(unfilled.note?.hasPrefix("[illgate:not-held]") == true)

        scenario.item = ItemFacts(availability: .available)
        let accepted = try #require(scenario.decide().reply(for: .v1_2))
        #expect(accepted.status == .willSupply)
        #expect(accepted.dueDate == nil)
        #expect(accepted.deliveryMethod == .mail)
        #expect(accepted.reasonRetry == nil && accepted.reasonUnfilled == nil)

        scenario.history.sameCitationFromPeer = 1
        #expect(scenario.decide().reply(for: .v2021) == nil)
    }
}

extension LendingPolicyTests {
    @Test("the trace names every rule evaluated, in order")
    func traceOrder() {
        var scenario = LendingScenario.copy()
        scenario.service { $0.serviceType = .copyOrLoan }
        scenario.item.availability = .nonCirculating
        let decision = scenario.decide()
        let rules = decision.trace.map(\.rule.rawValue)
        // Loan first (preference): stops at L07 NonCirculating; then the copy runs to L17.
        #expect(rules.prefix(5) == ["L01", "L02", "L03", "L05", "L04"])
        #expect(rules.filter { $0 == "L05" }.count == 2)
        #expect(rules.last == "L17")
        let copyPart = rules.drop { $0 != "L07" }.dropFirst().drop { $0 != "L05" }
        #expect(Array(copyPart) == ["L05", "L04", "L06", "C01", "C02", "C03", "C04", "C05", "L07", "L08", "L09", "L10", "L11", "L12", "L13", "L14", "L15", "L16", "L17"])
    }
}
