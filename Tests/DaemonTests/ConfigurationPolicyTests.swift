import Daemon
import Foundation
import Gateway
import ISO18626
import Policy
import Testing

/// `[policy]` and the peers' policy keys: values read into the policy, and bad ones named by key and line.
@Suite struct ConfigurationPolicyTests {
    static let base = ConfigurationTestSupport.minimal + """
        [[peers]]
        name = "lender"
        agency_ids = ["ISIL:DK-LEND"]
        endpoint = "http://127.0.0.1:1/iso18626"
        country = "dk"
        groups = ["reciprocal"]
        lends = ["Copy"]
        copy_charge = "7.50"
        closed_until = "2026-12-24"
        preference = 2

        """

    @Test func overdueMarkingIsReadWithItsDefaults() throws {
        let defaults = try #require(try ConfigurationTestSupport.parse(Self.base + "[policy]\n").policy)
        #expect(defaults.lending.markOverdue && defaults.lending.markOverdueAfterDays == 1)
        let set = try #require(
            try ConfigurationTestSupport.parse(Self.base + "[policy]\n[policy.lending]\nmark_overdue = false\nmark_overdue_after_days = 3\n").policy
        )
        #expect(!set.lending.markOverdue && set.lending.markOverdueAfterDays == 3)
        let negative = try ConfigurationTestSupport.problem(Self.base + "[policy]\n[policy.lending]\nmark_overdue_after_days = -1\n")
        #expect(negative.key == "policy.lending.mark_overdue_after_days")
    }

    @Test func policyValuesAreRead() throws {
        let configuration = try ConfigurationTestSupport.parse(
            Self.base + """
                [policy]
                timezone = "America/Chicago"
                review_timeout = "3 days"
                on_review_timeout = "keep"
                [policy.lending]
                service_types = ["loan"]
                blocked_peers = ["ISIL:US-BAD"]
                max_open_loans_per_peer = 0
                closed_until = "2027-01-04"
                auto_responder = "off"
                [policy.lending.charges]
                currency = "EUR"
                loan = "12.50"
                group_overrides = { reciprocal = { loan = "0.00" } }
                [policy.copyright.borrowing]
                window_mode = "calendar_years_exclusive"
                on_limit = "document_supplier"
                document_supplier = "lender"
                retention = "4y"
                [policy.patron_types.Student]
                max_open = 3
                max_cost = "20"
                """
        )
        let policy = try #require(configuration.policy)
        #expect(policy.timeZone.identifier == "America/Chicago")
        #expect(policy.reviewTimeout == ReviewTimeout(amount: 3, unit: .days))
        #expect(policy.onReviewTimeout == .keep)
        #expect(policy.lending.serviceTypes == [.loan])
        #expect(policy.lending.blockedPeers == ["ISIL:US-BAD"])
        #expect(policy.lending.maxOpenLoansPerPeer == nil)
        #expect(policy.lending.autoResponder == .off)
        // Closed until the start of 4 January 2027 in Chicago: 06:00 UTC.
        #expect(policy.lending.closedUntil == Date(timeIntervalSince1970: 1_799_042_400))
        #expect(policy.lending.charges.currency == "EUR")
        #expect(policy.lending.charges.loan == Decimal(string: "12.50"))
        #expect(policy.lending.charges.groupOverrides["reciprocal"] == LendingCharges.Override(loan: 0))
        #expect(policy.copyright.borrowing.windowMode == .calendarYearsExclusive)
        #expect(policy.copyright.borrowing.onLimit == .documentSupplier)
        #expect(policy.copyright.borrowing.documentSupplier == "lender")
        #expect(policy.copyright.borrowing.retention == .years(4))
        #expect(policy.patronTypes["Student"] == PatronTypePolicy(ill: true, maxOpen: 3, maxCost: 20))

        let profile = try #require(configuration.gateway.peers.peer(named: "lender")?.profile)
        #expect(profile.country == "DK")
        #expect(profile.groups == ["reciprocal"])
        #expect(profile.lends == [.copy])
        #expect(profile.copyCharge == Decimal(string: "7.50"))
        #expect(profile.preference == 2)
        #expect(profile.closedUntil != nil)
        #expect(configuration.gateway.policy == policy)
    }

    @Test(arguments: [
        ("[policy]\ntimezone = \"Mars/Olympus\"", "policy.timezone", "unknown time zone"),
        ("[policy]\nreview_timeout = \"soon\"", "policy.review_timeout", "cannot read \"soon\""),
        ("[policy.lending]\nauto_responder = \"sometimes\"", "policy.lending.auto_responder", "expected one of \"off\", \"will_supply\""),
        ("[policy.lending]\nmax_copy_pags = 60", "policy.lending.max_copy_pags", "did you mean `max_copy_pages`?"),
        ("[policy.lending]\nservice_types = []", "policy.lending.service_types", "must name at least one"),
        ("[policy.lending]\nclosed_until = \"2026-02-30\"", "policy.lending.closed_until", "expected a date"),
        ("[policy.lending.charges]\ncurrency = \"usd\"", "policy.lending.charges.currency", "active ISO 4217 code"),
        ("[policy.lending.charges]\ncurrency = \"XYZ\"", "policy.lending.charges.currency", "active ISO 4217 code"),
        ("[policy.lending.charges]\nlost_processing_fee = \"ten\"", "policy.lending.charges.lost_processing_fee", "expected an amount"),
        ("[policy.lending.charges.replacement]\nbook = \"-60\"", "policy.lending.charges.replacement.book", "expected an amount"),
        ("[policy.lending]\nbill_lost_after_days_overdue = -1", "policy.lending.bill_lost_after_days_overdue", "must not be negative"),
        ("[policy.lending]\nreminders = [\"7 days\", \"soon\"]", "policy.lending.reminders[2]", "cannot read \"soon\""),
        ("[policy.lending]\nreminders = [\"7 fortnights\"]", "policy.lending.reminders[1]", "days or weeks"),
        ("[policy.lending]\nreminders = [\"0 days\"]", "policy.lending.reminders[1]", "at least 1 day after the due date"),
        ("[policy.lending]\nreminders = [\"-3 days\"]", "policy.lending.reminders[1]", "at least 1 day after the due date"),
        ("[policy.lending]\nreminders = [\"14 days\", \"7 days\"]", "policy.lending.reminders[2]", "must come after the reminder before it (14 days)"),
        ("[policy.lending]\nreminders = [\"7 days\", \"7 days\"]", "policy.lending.reminders[2]", "must come after"),
        ("[policy.lending]\nreminders = \"7 days\"", "policy.lending.reminders", "an array of days after the due date"),
        (
            "[policy.lending]\nreminders = [\"7 days\", \"60 days\"]\nbill_lost_after_days_overdue = 60", "policy.lending.reminders",
            "the final notice (60 days after the due date) must come before bill_lost_after_days_overdue = 60"
        ),
        ("[policy.lending.charges]\nloan = \"-3\"", "policy.lending.charges.loan", "expected an amount"),
        ("[policy.lending.charges]\ngroup_overrides = { reciprocal = {} }", "policy.lending.charges.group_overrides.reciprocal", "needs loan or copy"),
        ("[policy.copyright]\nregime = \"UK\"", "policy.copyright.accepted_codes", "no UK-… code is accepted"),
        ("[policy.copyright.borrowing]\nwindow_mode = \"fuzzy\"", "policy.copyright.borrowing.window_mode", "calendar_years_exclusive"),
        ("[policy.copyright.borrowing]\nperiodical_limit = 0", "policy.copyright.borrowing.periodical_limit", "at least 1"),
        ("[policy.copyright.borrowing]\non_limit = \"document_supplier\"", "policy.copyright.borrowing.on_limit", "needs document_supplier"),
        ("[policy.copyright.borrowing]\ndocument_supplier = \"nobody\"", "policy.copyright.borrowing.document_supplier", "no [[peers]] table is named \"nobody\""),
        ("[policy.copyright.borrowing]\nretention = \"forever\"", "policy.copyright.borrowing.retention", "\"contu\" or a number of years"),
        ("[policy.borrowing]\ndefault_patron_type = \"guest\"", "policy.borrowing.default_patron_type", "no [policy.patron_types.guest]"),
        ("[policy.patron_types.faculty]\nmax_open = 0", "policy.patron_types.faculty.max_open", "at least 1"),
    ])
    func badValuesAreNamed(fragment: String, key: String, message: String) throws {
        let problem = try ConfigurationTestSupport.problem(ConfigurationTestSupport.minimal + fragment + "\n")
        #expect(problem.description.contains(key), "\(problem)")
        #expect(problem.description.contains(message), "\(problem)")
        #expect(problem.line != nil, "\(problem)")
    }

    @Test func badPeerPolicyKeysAreNamed() throws {
        let problem = try ConfigurationTestSupport.problem(
            ConfigurationTestSupport.minimal + """
                [[peers]]
                name = "lender"
                agency_ids = ["ISIL:DK-LEND"]
                endpoint = "http://127.0.0.1:1/iso18626"
                country = "Denmark"
                """
        )
        #expect(problem.description.contains("peers[1].country"))
        #expect(problem.description.contains("two-letter country code"))
    }
}
