import Foundation
import ISO18626
import Policy
import Testing

/// Lending cases written from the rule text where the engine used to depart from it (issue 12): geography
/// per service type (L04), every fixable failure in one answer (§5.3), UK s.41 (C04), item-level facts
/// (L07, C05), retries after an offer (§4.5) and the stable reason codes (§4.3).
@Suite("Lending: the rule text (L04, §5.3, C04 s.41, item facts, §4.5, codes)")
struct LendingRuleTextTests {
    /// A UK copy from a UK peer under the UK regime, declared `UK-FairDealing`.
    static func uk(_ s: inout LendingScenario) {
        s = .copy(declaration: "UK-FairDealing")
        s.configuration.copyright.regime = .uk
        s.configuration.copyright.acceptedCodes = ["UK-FairDealing", "UK-CopyRFeePaid"]
        s.peer = LendingFixture.peer(country: "GB", isil: "GB-UKLB")
    }

    /// A Canadian copy of an article published last month, from a periodical of `periodicalClass`.
    static func lastMonthInCanada(_ s: inout LendingScenario, _ periodicalClass: ItemFacts.PeriodicalClass) {
        LendingCopyrightTests.canadian(&s)
        s.configuration.copyright.digitalMeasures = true
        s.item.periodicalClass = periodicalClass
        s.request.publicationInfo?.publicationDate = "2026-02"
    }

    /// A chapter of a book (component title, pages, ISBN).
    static func chapter(_ s: inout LendingScenario) {
        s.request.bibliographicInfo = BibliographicInfo(
            title: "A Long Book",
            titleOfComponent: "Chapter 3",
            pagesRequested: "41-60",
            bibliographicItemID: [BibliographicItemID(identifier: "0-306-40615-2", code: "ISBN")]
        )
        s.request.publicationInfo = PublicationInfo(publicationType: "Chapter", publicationDate: "2010")
        s.item.format = "Book"
    }

    static let cases: [LendingCase] = [
        // L04: "geography per service type (loan_countries, copy_countries) … otherwise Unfilled PolicyProblem";
        // §4.3: "prefer Unfilled for peer-level refusals such as quota, blocklist and geography".
        LendingCase("L04", "a loan to a library outside loan_countries, copies allowed there, 2021: Unfilled PolicyProblem", expect: .unfilled("PolicyProblem", by: "L04"), extra: { decision in
            #expect(decision.outcome.code == .geography)
        }) { s in
            s.peer = LendingFixture.peer(country: "GB", isil: "GB-XYZ")
            s.configuration.lending.loanCountries = ["US"]
        },
        LendingCase("L04", "the same for a 2017 peer: Unfilled PolicyProblem, not NotAvailableForILL", expect: .unfilled("PolicyProblem", by: "L04"), extra: { decision in
            #expect(decision.outcome.code == .geography)
        }) { s in
            s.peer = LendingFixture.peer(edition: .v1_2, country: "GB", isil: "GB-XYZ")
            s.configuration.lending.loanCountries = ["US"]
        },
        LendingCase("L04", "a copy to a library outside copy_countries, loans allowed there: Unfilled PolicyProblem, no LoanPossible", expect: .unfilled("PolicyProblem", by: "L04")) { s in
            s = .copy()
            s.peer = LendingFixture.peer(edition: .v1_2, country: "CA", isil: "CA-XYZ")
            s.configuration.lending.copyCountries = ["US"]
        },
        LendingCase("L04", "loan_countries do not limit copies", expect: .accept(.copy)) { s in
            s = .copy()
            s.peer = LendingFixture.peer(country: "GB", isil: "GB-XYZ")
            s.configuration.lending.loanCountries = ["US"]
        },
        LendingCase("L04", "CopyOrLoan outside the loan geography is supplied as a copy", expect: .accept(.copy)) { s in
            s = .copy()
            s.service { $0.serviceType = .copyOrLoan }
            s.peer = LendingFixture.peer(country: "GB", isil: "GB-XYZ")
            s.configuration.lending.loanCountries = ["US"]
        },
        LendingCase("L04", "a type not offered to the peer still gets the §4.4 row (2021: ReqServTypeNotPossible)", expect: .retry("ReqServTypeNotPossible", by: "L04")) { s in
            s.peer.serviceTypes = [.copy]
        },

        // §5.3 combination: "all RetryPossible results are merged: reasonRetry = the first, and retryInfo
        // carries every offer (2021) or the note lists them (2017)".
        LendingCase("L13", "cost and delivery both fixable, 2021: one RetryPossible carrying the cost and our methods", expect: .retry("CostExceedsMaxCost", by: "L13"), extra: { decision in
            guard case .retryPossible(let retry) = decision.outcome else { return }
            #expect(retry.offers.offeredCosts == [LendingFixture.usd("10")])
            #expect(retry.offers.deliveryMethod.map(\.value) == ["Email", "URL", "ArticleExchange"])
            #expect(retry.code == .cost)
            let reply = decision.reply(for: .v2021)
            #expect(reply?.retryInfo?.offeredCosts == [LendingFixture.usd("10")])
            #expect(reply?.retryInfo?.deliveryMethod.map(\.value) == ["Email", "URL", "ArticleExchange"])
            #expect(reply?.reasonRetry?.value == "CostExceedsMaxCost")
        }) { s in
            s = .copy()
            s.request.billingInfo = BillingInfo(maximumCosts: LendingFixture.usd("5.00"))
            s.request.requestedDeliveryInfo = [RequestedDeliveryInfo(sortOrder: 1, deliveryMethod: "Mail")]
        },
        LendingCase("L13", "the same for a 2017 peer: one offered cost in messageInfo, both offers named in the note", expect: .retry("CostExceedsMaxCost", by: "L13"), extra: { decision in
            let reply = decision.reply(for: .v1_2)
            #expect(reply?.retryInfo?.offeredCosts == [LendingFixture.usd("10")])
            let note = reply?.note ?? ""
            #expect(note.hasPrefix("[illgate:cost]"))
            #expect(note.contains("[illgate:delivery-method]"))
            #expect(note.contains("cost 10.00 USD"))
            #expect(note.contains("delivery by Email, URL, ArticleExchange"))
        }) { s in
            s = .copy()
            s.peer.edition = .v1_2
            s.request.billingInfo = BillingInfo(maximumCosts: LendingFixture.usd("5.00"))
            s.request.requestedDeliveryInfo = [RequestedDeliveryInfo(sortOrder: 1, deliveryMethod: "Mail")]
        },
        LendingCase("L15", "three fixable failures keep the first reason and every offer", expect: .retry("CostExceedsMaxCost", by: "L13"), extra: { decision in
            guard case .retryPossible(let retry) = decision.outcome else { return }
            #expect(!retry.offers.offeredCosts.isEmpty)
            #expect(!retry.offers.deliveryMethod.isEmpty)
            #expect(retry.note.contains("[illgate:need-before-date]"))
        }) { s in
            s = .copy()
            s.request.billingInfo = BillingInfo(maximumCosts: LendingFixture.usd("1.00"))
            s.request.requestedDeliveryInfo = [RequestedDeliveryInfo(sortOrder: 1, deliveryMethod: "Courier")]
            s.service { $0.needBeforeDate = LendingFixture.received.addingTimeInterval(3600) }
        },
        LendingCase("L07", "a terminal failure still beats the fixable ones", expect: .unfilled("NotHeld", by: "L07")) { s in
            s = .copy()
            s.item = .notHeld
            s.request.billingInfo = BillingInfo(maximumCosts: LendingFixture.usd("1.00"))
        },

        // C04 / §1.8: s.41 "except for a single periodical article, this is allowed only if the librarian
        // does not know and cannot reasonably find out who can authorise copying"; §1.8 engine needs "a
        // review path for s.41 non-article copies".
        LendingCase("C04", "UK: a single periodical article is supplied", expect: .accept(.copy)) { s in
            uk(&s)
        },
        LendingCase("C04", "UK: a book chapter within the proportion is held (s.41), never supplied outright", expect: .review(by: "C04"), extra: { decision in
            #expect(decision.outcome.code == .ukSection41)
        }) { s in
            uk(&s)
            chapter(&s)
        },
        LendingCase("C04", "UK: a chapter with no pages given is held too", expect: .review(by: "C04"), extra: { decision in
            #expect(decision.outcome.code == .ukSection41)
        }) { s in
            uk(&s)
            chapter(&s)
            s.request.bibliographicInfo.pagesRequested = nil
        },
        LendingCase("C04", "UK: a report section with no ISBN, no periodical, is held", expect: .review(by: "C04")) { s in
            uk(&s)
            s.request.bibliographicInfo = BibliographicInfo(title: "Annual Survey of Things", titleOfComponent: "Section 2", pagesRequested: "5-9")
            s.request.publicationInfo = PublicationInfo(publicationType: "Report", publicationDate: "2020")
        },
        LendingCase("C04", "UK: a chapter sent UK-CopyRFeePaid (copying authorised) is supplied", expect: .accept(.copy)) { s in
            uk(&s)
            chapter(&s)
            s.service { $0.copyrightCompliance = "UK-CopyRFeePaid" }
        },
        LendingCase("C04", "US: a book chapter is not a s.41 case", expect: .accept(.copy)) { s in
            s = .copy()
            chapter(&s)
        },

        // L07 item facts: per-item permissions.
        LendingCase("L07", "an item whose holdings say no loans: Unfilled NotAvailableForILL", expect: .unfilled("NotAvailableForILL", by: "L07"), extra: { decision in
            #expect(decision.outcome.code == .loansNotAllowed)
        }) { s in
            s.item.loansAllowed = false
        },
        LendingCase("L07", "no loans does not stop a copy", expect: .accept(.copy)) { s in
            s = .copy()
            s.item.loansAllowed = false
        },
        LendingCase("L07", "an item whose holdings say no copies: Unfilled NotAvailableForILL", expect: .unfilled("NotAvailableForILL", by: "L07"), extra: { decision in
            #expect(decision.outcome.code == .copiesNotAllowed)
        }) { s in
            s = .copy()
            s.item.copiesAllowed = false
        },
        LendingCase("L05", "CopyOrLoan of an item lent but not copied is a loan", expect: .accept(.loan)) { s in
            s.service { $0.serviceType = .copyOrLoan }
            s.configuration.lending.copyOrLoanPreference = .copy
            s.item.copiesAllowed = false
        },
        LendingCase("L07", "loans allowed stated explicitly: supplied", expect: .accept(.loan)) { s in
            s.item.loansAllowed = true
            s.item.copiesAllowed = false
        },

        // C05: the Canadian one-year rule reads the item's periodical class.
        LendingCase("C05", "CA: a scholarly periodical article of last month is copied", expect: .accept(.copy)) { s in
            lastMonthInCanada(&s, .scholarly)
        },
        LendingCase("C05", "CA: a general periodical article of last month is refused", expect: .unfilled("PolicyProblem", by: "C05"), extra: { decision in
            #expect(decision.outcome.code == .caGeneralPeriodical)
        }) { s in
            lastMonthInCanada(&s, .general)
        },

        // §4.5: a retry is evaluated afresh and linked to the request it replaces.
        LendingCase("C01", "a retry without a declaration keeps the one its replaced request made", expect: .accept(.copy), extra: { decision in
            #expect(decision.trace.contains { $0.rule == .retry && $0.detail.contains("meets our offer") })
            #expect(decision.trace.contains { $0.rule == .c01 && $0.detail.contains("carried over") })
        }) { s in
            s = .copy(declaration: nil)
            s.request.billingInfo = BillingInfo(maximumCosts: LendingFixture.usd("10.00"))
            s.service { $0.requestType = .retry }
            s.replacing = ReplacedRequest(transactionID: 41, copyrightCompliance: "US-CCG", offered: RetryInfo(offeredCosts: [LendingFixture.usd("10")]))
        },
        LendingCase("RETRY", "a retry whose maximum still misses the offered cost is offered back again", expect: .retry("CostExceedsMaxCost", by: "L13"), extra: { decision in
            #expect(decision.trace.contains { $0.rule == .retry && $0.detail.contains("does not meet it") })
        }) { s in
            s = .copy()
            s.request.billingInfo = BillingInfo(maximumCosts: LendingFixture.usd("5.00"))
            s.service { $0.requestType = .retry }
            s.replacing = ReplacedRequest(transactionID: 41, copyrightCompliance: "US-CCG", offered: RetryInfo(offeredCosts: [LendingFixture.usd("10")]))
        },
    ]

    @Test(arguments: cases)
    func lendingCase(_ testCase: LendingCase) {
        testCase.run()
    }

    // MARK: §8 codes: stable, one per outcome, the note's prefix

    @Test("every lending code a note carries is its outcome's code, and every code is listed once")
    func codesAreTheNotePrefix() {
        let scenarios: [(String, (inout LendingScenario) -> Void)] = [
            ("not-held", { $0.item = .notHeld }),
            ("on-loan", { $0.item.availability = .onLoan(due: nil) }),
            ("peer-blocked", { $0.peer.isBlocked = true }),
            ("cost", { $0.request.billingInfo = BillingInfo(maximumCosts: LendingFixture.usd("1.00")); $0.configuration.lending.charges.loan = 15 }),
        ]
        for (expected, change) in scenarios {
            var scenario = LendingScenario()
            change(&scenario)
            let decision = scenario.decide()
            #expect(decision.outcome.code.rawValue == expected, "\(expected): \(decision.outcome)")
            let note = decision.reply(for: .v2021)?.note ?? ""
            #expect(note.hasPrefix("[illgate:\(expected)] "), "note: \(note)")
            #expect(ReasonCode(notePrefixOf: note)?.rawValue == expected)
        }
        #expect(Set(ReasonCode.all).count == ReasonCode.all.count)
        #expect(ReasonCode.all.contains(.weakIdentity) && ReasonCode.weakIdentity.rawValue == "weak_identity")
    }

    @Test("a held request carries its code (C01 copyright-declaration-missing), a supplied one `supply`")
    func reviewAndAcceptCodes() {
        #expect(LendingScenario.copy(declaration: nil).decide().outcome.code == .copyrightDeclarationMissing)
        #expect(LendingScenario().decide().outcome.code == .supply)
        var downgraded = LendingScenario()
        downgraded.peer.edition = .v1_2
        downgraded.service { $0.serviceLevel = "Express" }
        #expect(downgraded.decide().outcome.code == .serviceLevelDowngraded)
    }

    @Test("renewal codes: granted, refused, not offered")
    func renewalCodes() {
        let now = LendingFixture.received
        var configuration = PolicyConfiguration()
        let granted = LendingPolicy(configuration: configuration).decideRenewal(RenewalInput(state: .loaned, currentDueDate: now, renewalsUsed: 0, itemHasLocalHold: false, now: now))
        #expect(granted.code == .renewalGranted)
        let refused = LendingPolicy(configuration: configuration).decideRenewal(RenewalInput(state: .recalled, currentDueDate: now, renewalsUsed: 0, itemHasLocalHold: false, now: now))
        #expect(refused.code == .renewalRefused)
        configuration.lending.renewalMax = 0
        let none = LendingPolicy(configuration: configuration).decideRenewal(RenewalInput(state: .loaned, currentDueDate: now, renewalsUsed: 0, itemHasLocalHold: false, now: now))
        #expect(none.code == .renewalsNotOffered)
    }
}
