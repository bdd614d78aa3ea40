import Foundation
import ISO18626
import Policy
import Testing

@Suite("Lending copyright C01–C05, N05 pages, N06 codes")
struct LendingCopyrightTests {
    /// A copy scenario under the Canadian regime from a Canadian peer declaring `Other`.
    static func canadian(_ s: inout LendingScenario) {
        s = .copy(declaration: "Other")
        s.configuration.copyright.regime = .ca
        s.peer = LendingFixture.peer(country: "CA", isil: "CA-OONL")
        s.item.periodicalClass = .general
    }

    /// A copy of 30 pages of a 100-page book (no chapter named) from a UK peer under the UK regime.
    static func ukBook(_ s: inout LendingScenario, declaration: String) {
        s = .copy(declaration: declaration)
        s.configuration.copyright.regime = .uk
        s.peer = LendingFixture.peer(country: "GB", isil: "GB-UKLB")
        s.request.bibliographicInfo = BibliographicInfo(
            title: "A Long Book",
            pagesRequested: "1-30",
            estimatedNoPages: "100",
            bibliographicItemID: [BibliographicItemID(identifier: "0-306-40615-2", code: "ISBN")]
        )
        s.request.publicationInfo = PublicationInfo(publicationType: "Book", publicationDate: "2010")
    }

    static let cases: [LendingCase] = [
        LendingCase("C01", "the default copy passes every copyright rule", expect: .accept(.copy), extra: { decision in
            guard case .accept(let acceptance) = decision.outcome else { return }
            #expect(acceptance.deliveryMethod?.value == "Email")
            #expect(acceptance.proposedDueDate == nil)
            #expect(acceptance.charge == LendingFixture.usd("10"))
        }) { s in s = .copy() },

        // C01 missing declaration under each on_missing_declaration.
        LendingCase("C01", "missing declaration: review (default)", expect: .review(by: "C01")) { s in
            s = .copy(declaration: nil)
        },
        LendingCase("C01", "missing declaration: unfilled", expect: .unfilled("PolicyProblem", by: "C01"), extra: { decision in
            guard case .unfilled(let refusal) = decision.outcome else { return }
            #expect(refusal.note.hasPrefix("[illgate:copyright-declaration-missing]"))
        }) { s in
            s = .copy(declaration: nil)
            s.configuration.copyright.onMissingDeclaration = .unfilled
        },
        LendingCase("C01", "missing declaration: assume the peer's code", expect: .accept(.copy), extra: { decision in
            #expect(decision.trace.contains { $0.rule == .c01 && $0.verdict == .fired })
        }) { s in
            s = .copy(declaration: nil)
            s.configuration.copyright.onMissingDeclaration = .assume
            s.peer.copyrightAssume = "US-CCG"
        },
        LendingCase("C01", "assume with nothing to assume: review", expect: .review(by: "C01")) { s in
            s = .copy(declaration: "  ")
            s.configuration.copyright.onMissingDeclaration = .assume
        },

        // C02 recognition and acceptance.
        LendingCase("C02", "garbled CCLCCG is not recognised: review", expect: .review(by: "C02")) { s in
            s = .copy(declaration: "CCLCCG")
        },
        LendingCase("C02", "garbled CCLCCG with on_missing_declaration = unfilled", expect: .unfilled("PolicyProblem", by: "C02")) { s in
            s = .copy(declaration: "CCLCCG")
            s.configuration.copyright.onMissingDeclaration = .unfilled
        },
        LendingCase("C02", "garbled CCLCCG with assume takes the peer's code", expect: .accept(.copy)) { s in
            s = .copy(declaration: "CCLCCG")
            s.configuration.copyright.onMissingDeclaration = .assume
            s.peer.copyrightAssume = "US-CCL"
        },
        LendingCase("C02", "the ccg alias is accepted", expect: .accept(.copy)) { s in
            s = .copy(declaration: "ccg")
        },
        LendingCase("C02", "the old US:CCL form is accepted", expect: .accept(.copy)) { s in
            s = .copy(declaration: " us:ccl ")
        },
        LendingCase("C02", "en-dash AU-CopyrightActS50–1 from an AU peer is accepted", expect: .accept(.copy)) { s in
            s = .copy(declaration: "AU-CopyrightActS50\u{2013}1")
            s.peer = LendingFixture.peer(country: "AU", isil: "AU-NLA")
        },
        LendingCase("C02", "an AU code from a US peer: review", expect: .review(by: "C02")) { s in
            s = .copy(declaration: "AU-CopyrightActS50-1")
        },
        LendingCase("C02", "Other from a US peer: review", expect: .review(by: "C02")) { s in
            s = .copy(declaration: "Other")
        },
        LendingCase("C02", "Other from a CA peer is accepted (foreign_codes)", expect: .accept(.copy)) { s in
            s = .copy(declaration: "other")
            s.peer = LendingFixture.peer(country: "CA", isil: "CA-OONL")
        },
        LendingCase("C02", "a peer's own accepted code", expect: .accept(.copy)) { s in
            s = .copy(declaration: "UK-FairDealing")
            s.peer.acceptedCopyrightCodes = ["uk-fairdealing"]
        },
        LendingCase("C02", "T38: US-CCG on a ten-year-old article is accepted and noted", expect: .accept(.copy), extra: { decision in
            #expect(decision.trace.contains { $0.rule == .c02 && $0.detail.contains("more than 5 years") })
        }) { s in
            s = .copy(declaration: "US-CCG")
            s.request.publicationInfo?.publicationDate = "2016"
        },

        // C03 excluded work types.
        LendingCase("C03", "a MusicScore copy goes to review", expect: .review(by: "C03")) { s in
            s = .copy()
            s.request.publicationInfo?.publicationType = "MusicScore"
        },

        // C04 scope.
        LendingCase("C04", "a whole book goes to review", expect: .review(by: "C04")) { s in
            s = .copy()
            s.request.bibliographicInfo = BibliographicInfo(title: "A Whole Book")
            s.request.publicationInfo = PublicationInfo(publicationType: "Book")
        },
        LendingCase("C04", "61 pages > 60: Unfilled PolicyProblem", expect: .unfilled("PolicyProblem", by: "C04"), extra: { decision in
            guard case .unfilled(let refusal) = decision.outcome else { return }
            #expect(refusal.note.hasPrefix("[illgate:copy-page-limit]"))
        }) { s in
            s = .copy()
            s.request.bibliographicInfo.pagesRequested = "1-61"
        },
        LendingCase("C04", "exactly 60 pages is within the limit", expect: .accept(.copy)) { s in
            s = .copy()
            s.request.bibliographicInfo.pagesRequested = "1\u{2013}50, 61-70"
        },
        LendingCase("C04", "only estimatedNoPages over the limit: review, never refuse", expect: .review(by: "C04")) { s in
            s = .copy()
            s.request.bibliographicInfo.pagesRequested = nil
            s.request.bibliographicInfo.estimatedNoPages = "200"
        },
        LendingCase("C04", "UK: 30 of 100 pages is over a reasonable proportion", expect: .review(by: "C04")) { s in
            ukBook(&s, declaration: "UK-FairDealing")
        },
        LendingCase("C04", "UK-CopyRFeePaid lifts the proportion limit and adds the surcharge", expect: .accept(.copy), extra: { decision in
            guard case .accept(let acceptance) = decision.outcome else { return }
            #expect(acceptance.charge == LendingFixture.usd("12.50"))
        }) { s in
            ukBook(&s, declaration: "uk-copyrfeepaid")
            s.configuration.lending.charges.feePaidSurcharge = Decimal(string: "2.50") ?? 0
        },
        LendingCase("C04", "regime none skips copyright but keeps the page limit", expect: .unfilled("PolicyProblem", by: "C04"), extra: { decision in
            #expect(decision.trace.contains { $0.rule == .c01 && $0.verdict == .skipped })
        }) { s in
            s = .copy(declaration: nil)
            s.configuration.copyright.regime = .none
            s.request.bibliographicInfo.pagesRequested = "S1-S61"
        },
        LendingCase("C04", "regime none: an undeclared copy is supplied", expect: .accept(.copy)) { s in
            s = .copy(declaration: nil)
            s.configuration.copyright.regime = .none
        },

        // C05 Canada.
        LendingCase("C05", "CA general periodical published three months ago: unfilled", expect: .unfilled("PolicyProblem", by: "C05")) { s in
            canadian(&s)
            s.request.publicationInfo?.publicationDate = "2025-12"
        },
        LendingCase("C05", "CA general periodical exactly one year old: copied, by mail", expect: .accept(.copy), extra: { decision in
            guard case .accept(let acceptance) = decision.outcome else { return }
            #expect(acceptance.deliveryMethod?.value == "Mail")
        }) { s in
            canadian(&s)
            s.request.publicationInfo?.publicationDate = "2025-03-10"
        },
        LendingCase("C05", "CA without digital measures: an emailed copy is offered by mail", expect: .retry("ReqDelMethodNotSupp", by: "L14"), extra: { decision in
            guard case .retryPossible(let retry) = decision.outcome else { return }
            #expect(retry.offers.deliveryMethod.map(\.value) == ["Mail"])
        }) { s in
            canadian(&s)
            s.item.periodicalClass = .scholarly
            s.request.requestedDeliveryInfo = [RequestedDeliveryInfo(sortOrder: 1, deliveryMethod: "Email")]
        },
        LendingCase("C05", "CA with digital measures: email is fine", expect: .accept(.copy), extra: { decision in
            guard case .accept(let acceptance) = decision.outcome else { return }
            #expect(acceptance.deliveryMethod?.value == "Email")
        }) { s in
            canadian(&s)
            s.configuration.copyright.digitalMeasures = true
            s.request.requestedDeliveryInfo = [RequestedDeliveryInfo(sortOrder: 1, deliveryMethod: "Email")]
        },
    ]

    @Test("copyright rules for copies we supply", arguments: cases)
    func copyright(_ testCase: LendingCase) {
        testCase.run()
    }

    @Test("every C rule fires in some case")
    func coverage() {
        let fired = Set(Self.cases.flatMap { testCase -> [RuleID] in
            var scenario = LendingScenario()
            testCase.setUp(&scenario)
            return scenario.decide().trace.firedRules
        })
        for rule: RuleID in [.c01, .c02, .c03, .c04, .c05] {
            #expect(fired.contains(rule), "\(rule) never fires")
        }
    }

    @Test("notes and trace carry no patron data")
    func noPatronData() {
        var scenario = LendingScenario.copy(declaration: "CCLCCG")
        scenario.request.patronInfo = PatronInfo(patronID: "PATRON-4711", surname: "Doe", givenName: "Jane")
        scenario.configuration.copyright.onMissingDeclaration = .unfilled
        let decision = scenario.decide()
        let text = decision.trace.map(\.description).joined() + (decision.reply(for: .v2021)?.note ?? "")
        #expect(!text.contains("PATRON-4711") && !text.contains("Doe") && !text.contains("Jane"))
    }

    // MARK: - N05 pages

    static let pages: [(String, Int?)] = [
        ("12-34", 23), ("12\u{2013}34, 40-45", 29), ("S12-S19", 8), ("S12-19", 8), ("7", 1), ("pp. 100-110", 11),
        ("1234-56", 23), ("12 - 34;  36", 24), ("iv-x", nil), ("xii", nil), ("e1001", nil), ("12-", nil),
        ("34-12", nil), ("", nil), ("S12-A19", nil), ("12ff", nil),
    ]

    @Test("N05 page counts", arguments: pages)
    func pageCount(_ text: String, _ expected: Int?) {
        #expect(PageCount.parse(text) == expected)
    }

    // MARK: - N06 declaration codes

    static let codes: [(String, String?)] = [
        ("US-CCG", "US-CCG"), (" ccg ", "US-CCG"), ("us:ccl", "US-CCL"), ("US - CCG", "US-CCG"),
        ("AU-CopyrightActS50\u{2013}1", "AU-CopyrightActS50-1"), ("au-copyrightacts50\u{2014}7b", "AU-CopyrightActS50-7B"),
        ("other", "Other"), ("CCLCCG", nil), ("", nil), ("US-CCX", nil),
    ]

    @Test("N06 declaration codes", arguments: codes)
    func declarationCode(_ raw: String, _ expected: String?) {
        #expect(CopyrightCodeNormaliser.standardCode(raw, configuration: CopyrightConfiguration()) == expected)
    }

    @Test("N06 configured aliases and codes are recognised")
    func configuredCodes() {
        var configuration = CopyrightConfiguration()
        configuration.codeAliases["CA-30.2"] = "Other"
        configuration.acceptedCodes.append("XX-Local")
        #expect(CopyrightCodeNormaliser.normalise("ca-30.2", configuration: configuration) == .recognised("Other"))
        #expect(CopyrightCodeNormaliser.normalise("xx-local", configuration: configuration) == .recognised("XX-Local"))
        #expect(CopyrightCodeNormaliser.normalise(" CCLCCG ", configuration: configuration) == .unrecognised("CCLCCG"))
    }
}
