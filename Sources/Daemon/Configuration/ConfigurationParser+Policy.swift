internal import Foundation
internal import Gateway
internal import ISO18626
internal import Policy
internal import TOMLKit

/// `[policy]` and its sub-tables: the lending, copyright and borrowing rules (README "Policy").
extension ConfigurationParser {
    /// Reads `[policy]`; `nil` when the table is absent (every request then waits for staff).
    func readPolicy(_ reader: TableReader) -> PolicyConfiguration? {
        guard reader.isPresent else {
            // Still learn the keys, so a misspelt `[polcy]` gets a suggestion.
            _ = readPolicyTables(reader)
            return nil
        }
        return readPolicyTables(reader)
    }

    private func readPolicyTables(_ reader: TableReader) -> PolicyConfiguration {
        var policy = PolicyConfiguration()
        if let text = reader.string("timezone", expected: "a time zone name like \"America/Chicago\"") {
            if let zone = TimeZone(identifier: text) {
                policy.timeZone = zone
            } else {
                reader.report("timezone", "unknown time zone \"\(text)\"; use an IANA name like \"America/Chicago\" or \"Europe/London\"")
            }
        }
        if let text = reader.string("review_timeout", expected: "a string like \"2 business days\"") {
            if let timeout = ReviewTimeout(parsing: text) {
                policy.reviewTimeout = timeout
            } else {
                reader.report("review_timeout", "cannot read \"\(text)\"; write a number and hours, days or business days, like \"2 business days\"")
            }
        }
        for element in reader.strings("closed_days", expected: "an array of days like [\"2026-12-25\", \"2027-01-01\"]") ?? [] {
            if let day = CalendarDay(iso: element.value) {
                policy.closedDays.insert(day)
            } else {
                reader.report(at: element.path, "\"\(element.value)\" is not a day like 2026-12-25")
            }
        }
        policy.onReviewTimeout = choice(reader, "on_review_timeout", default: policy.onReviewTimeout)
        policy.reviewStops = reader.bool("review_stops") ?? policy.reviewStops
        policy.lending = readLending(reader.table("lending"), calendar: policy.calendar)
        policy.copyright = readCopyright(reader.table("copyright"))
        policy.borrowing = readBorrowing(reader.table("borrowing"))
        let types = reader.table("patron_types")
        for name in types.keys {
            policy.patronTypes[name] = readPatronType(types.table(name))
        }
        types.finish()
        if let name = policy.borrowing.defaultPatronType, policy.patronTypes[name] == nil {
            problems.report(
                at: reader.path.appending("borrowing").appending("default_patron_type"),
                peer: nil,
                "no [policy.patron_types.\(name)] table defines this patron type"
            )
        }
        reader.finish()
        checkRegime(policy.copyright, reader.table("copyright"))
        return policy
    }

    /// Peer names the policy refers to must be configured peers.
    func checkPolicyPeers(_ policy: PolicyConfiguration?, peerNames: Set<String>, _ reader: TableReader) {
        guard let supplier = policy?.copyright.borrowing.documentSupplier, !peerNames.contains(supplier) else { return }
        problems.report(
            at: reader.path.appending("policy").appending("copyright").appending("borrowing").appending("document_supplier"),
            peer: nil,
            "no [[peers]] table is named \"\(supplier)\""
        )
    }

    // MARK: [policy.lending]

    private func readLending(_ reader: TableReader, calendar: Calendar) -> LendingPolicyConfiguration {
        var lending = LendingPolicyConfiguration()
        if let types = serviceTypes(reader, "service_types") { lending.serviceTypes = types }
        lending.copyOrLoanPreference = choice(reader, "copy_or_loan_preference", default: lending.copyOrLoanPreference)
        lending.unknownPeers = choice(reader, "unknown_peers", default: lending.unknownPeers)
        if let blocked = agencyKeys(reader, "blocked_peers") { lending.blockedPeers = blocked }
        if let countries = countries(reader, "loan_countries") { lending.loanCountries = countries }
        if let countries = countries(reader, "copy_countries") { lending.copyCountries = countries }
        if let text = reader.string("closed_until", expected: "a date like \"2026-03-20\" (empty when open)"), !text.isEmpty {
            if let day = Self.day(text, calendar: calendar) {
                lending.closedUntil = day
            } else {
                reader.report("closed_until", "expected a date like \"2026-03-20\", found \"\(text)\"")
            }
        }
        if let quota = reader.integer("max_open_loans_per_peer", expected: "an integer like 10 (0 means no quota)", atLeast: 0) {
            lending.maxOpenLoansPerPeer = quota == 0 ? nil : quota
        }
        lending.quotaCountsExpectToSupply = reader.bool("quota_counts_expect_to_supply") ?? lending.quotaCountsExpectToSupply
        lending.quotaAction = choice(reader, "over_quota", default: lending.quotaAction)
        lending.newMaterialEmbargoDays = reader.integer("new_material_embargo_days", expected: "a number of days like 180 (0 disables)", atLeast: 0) ?? lending.newMaterialEmbargoDays
        if let formats = plainStrings(reader, "formats_not_lent") { lending.formatsNotLent = formats }
        if let pages = reader.integer("max_copy_pages", expected: "a number of pages like 60 (0 means no limit)", atLeast: 0) {
            lending.maxCopyPages = pages == 0 ? nil : pages
        }
        lending.loanPeriodDays = reader.integer("loan_period_days", expected: "a number of days like 42", atLeast: 1, atMost: 3650) ?? lending.loanPeriodDays
        lending.dueDateIncludesShipping = reader.bool("due_date_includes_shipping") ?? lending.dueDateIncludesShipping
        lending.shippingDays = reader.integer("shipping_days", expected: "a number of days like 5", atLeast: 0, atMost: 365) ?? lending.shippingDays
        lending.renewalMax = reader.integer("renewal_max", expected: "an integer like 1 (0 means no renewals)", atLeast: 0, atMost: 100) ?? lending.renewalMax
        lending.renewalPeriodDays = reader.integer("renewal_period_days", expected: "a number of days like 28", atLeast: 1, atMost: 3650) ?? lending.renewalPeriodDays
        lending.renewOverdue = reader.bool("renew_overdue") ?? lending.renewOverdue
        lending.markOverdue = reader.bool("mark_overdue") ?? lending.markOverdue
        lending.markOverdueAfterDays = reader.integer("mark_overdue_after_days", expected: "a number of days like 1", atLeast: 0, atMost: 365)
            ?? lending.markOverdueAfterDays
        if let days = reader.integer("bill_lost_after_days_overdue", expected: "a number of days like 60 (0: staff decide)", atLeast: 0, atMost: 3650) {
            lending.billLostAfterDaysOverdue = days == 0 ? nil : days
        }
        if let text = reader.string("pull_timeout", expected: "a string like \"2 business days\"") {
            if let timeout = ReviewTimeout(parsing: text) {
                lending.pullTimeout = timeout
            } else {
                reader.report("pull_timeout", "cannot read \"\(text)\"; write a number and hours, days or business days, like \"2 business days\" or \"48 hours\"")
            }
        }
        lending.reminders = reminderSchedule(reader) ?? lending.reminders
        checkFinalReminderBeforeBill(lending, reader)
        lending.minProcessingDays = reader.integer("min_processing_days", expected: "a number of days like 2", atLeast: 0, atMost: 365) ?? lending.minProcessingDays
        if let levels = plainStrings(reader, "service_levels") { lending.serviceLevels = levels }
        lending.downgradeServiceLevel = reader.bool("downgrade_service_level") ?? lending.downgradeServiceLevel
        if let methods = plainStrings(reader, "copy_delivery_methods") { lending.copyDeliveryMethods = methods }
        if let methods = plainStrings(reader, "loan_delivery_methods") { lending.loanDeliveryMethods = methods }
        if let methods = plainStrings(reader, "payment_methods") { lending.paymentMethods = methods }
        lending.autoResponder = choice(reader, "auto_responder", default: lending.autoResponder)
        if let conditions = plainStrings(reader, "loan_conditions") { lending.loanConditions = conditions }
        lending.charges = readCharges(reader.table("charges"))
        lending.redFlags = readRedFlags(reader.table("red_flags"))
        reader.finish()
        if lending.serviceTypes.isEmpty {
            reader.report("service_types", "must name at least one of \"Loan\", \"Copy\" (to stop lending, block peers or set closed_until)")
        }
        return lending
    }

    private func readCharges(_ reader: TableReader) -> LendingCharges {
        var charges = LendingCharges()
        if let text = reader.string("currency", expected: "a currency code like \"USD\"") {
            if Self.isCurrency(text) {
                charges.currency = text
            } else {
                reader.report("currency", "must be an active ISO 4217 code like \"USD\", found \"\(text)\"")
            }
        }
        charges.loan = money(reader, "loan") ?? charges.loan
        charges.copy = money(reader, "copy") ?? charges.copy
        charges.whenMaximumAbsent = choice(reader, "when_max_cost_absent", default: charges.whenMaximumAbsent)
        charges.feePaidSurcharge = money(reader, "fee_paid_surcharge") ?? charges.feePaidSurcharge
        charges.lostProcessingFee = money(reader, "lost_processing_fee") ?? charges.lostProcessingFee
        charges.damageFee = money(reader, "damage_fee") ?? charges.damageFee
        let replacement = reader.table("replacement")
        for materialType in replacement.keys {
            guard let amount = money(replacement, materialType) else { continue }
            if materialType == "default" {
                charges.defaultReplacementCost = amount
            } else {
                charges.replacementCosts[materialType.lowercased()] = amount
            }
        }
        replacement.finish()
        let overrides = reader.table("group_overrides")
        for group in overrides.keys {
            let table = overrides.table(group)
            let override = LendingCharges.Override(loan: money(table, "loan"), copy: money(table, "copy"))
            if override.loan == nil, override.copy == nil {
                table.reportTable("a charges override needs loan or copy, like { loan = \"0.00\", copy = \"0.00\" }")
            }
            table.finish()
            charges.groupOverrides[group] = override
        }
        overrides.finish()
        reader.finish()
        return charges
    }

    private func readRedFlags(_ reader: TableReader) -> RedFlagConfiguration {
        var flags = RedFlagConfiguration()
        flags.duplicateHours = reader.integer("duplicate_hours", expected: "a number of hours like 24", atLeast: 0, atMost: 8760) ?? flags.duplicateHours
        flags.sameTitlePerPeerMax = reader.integer("same_title_per_peer_max", expected: "an integer like 5", atLeast: 1, atMost: 100) ?? flags.sameTitlePerPeerMax
        flags.sameTitleWindowHours = reader.integer("same_title_window_hours", expected: "a number of hours like 72", atLeast: 1, atMost: 8760) ?? flags.sameTitleWindowHours
        flags.sameIssueArticlesMax = reader.integer("same_issue_articles_max", expected: "an integer like 1", atLeast: 1, atMost: 100) ?? flags.sameIssueArticlesMax
        flags.action = choice(reader, "action", default: flags.action)
        reader.finish()
        return flags
    }

    // MARK: [policy.copyright]

    private func readCopyright(_ reader: TableReader) -> CopyrightConfiguration {
        var copyright = CopyrightConfiguration()
        copyright.regime = choice(reader, "regime", default: copyright.regime)
        copyright.onMissingDeclaration = choice(reader, "on_missing_declaration", default: copyright.onMissingDeclaration)
        if let codes = plainStrings(reader, "accepted_codes") { copyright.acceptedCodes = codes }
        let foreign = reader.table("foreign_codes")
        if foreign.isPresent {
            copyright.foreignCodes = [:]
            for country in foreign.keys {
                if country.count != 2 || !country.allSatisfy({ $0.isASCII && $0.isUppercase }) {
                    foreign.report(country, "must be a country code of 2 uppercase letters like \"GB\"")
                }
                copyright.foreignCodes[country] = plainStrings(foreign, country) ?? []
            }
        }
        foreign.finish()
        let aliases = reader.table("code_aliases")
        for alias in aliases.keys {
            if let code = aliases.string(alias, expected: "a standard code like \"US-CCG\"") {
                copyright.codeAliases[alias] = code
            }
        }
        aliases.finish()
        if let types = plainStrings(reader, "excluded_copy_types") { copyright.excludedCopyTypes = types }
        if let text = reader.string("reasonable_proportion", expected: "a string like \"10% or 1 chapter\"") {
            let digits = text.prefix { $0.isNumber }
            if let percent = Int(digits), percent > 0, percent <= 100, text.dropFirst(digits.count).hasPrefix("%") {
                copyright.reasonableProportionPercent = percent
            } else {
                reader.report("reasonable_proportion", "expected a percentage like \"10% or 1 chapter\", found \"\(text)\"")
            }
        }
        copyright.digitalMeasures = reader.bool("digital_measures") ?? copyright.digitalMeasures
        copyright.borrowing = readCopyrightBorrowing(reader.table("borrowing"))
        reader.finish()
        return copyright
    }

    private func readCopyrightBorrowing(_ reader: TableReader) -> CopyrightBorrowingConfiguration {
        var counting = CopyrightBorrowingConfiguration()
        counting.periodicalLimit = reader.integer("periodical_limit", expected: "an integer like 5", atLeast: 1, atMost: 1000) ?? counting.periodicalLimit
        counting.workLimit = reader.integer("work_limit", expected: "an integer like 5", atLeast: 1, atMost: 1000) ?? counting.workLimit
        counting.windowYears = reader.integer("window_years", expected: "a number of years like 5", atLeast: 1, atMost: 100) ?? counting.windowYears
        counting.windowMode = choice(reader, "window_mode", default: counting.windowMode)
        counting.unknownDate = choice(reader, "unknown_date", default: counting.unknownDate)
        counting.weakIdentity = choice(reader, "weak_identity", default: counting.weakIdentity)
        counting.countingScope = choice(reader, "counting_scope", default: counting.countingScope)
        counting.countInFlight = reader.bool("count_in_flight") ?? counting.countInFlight
        counting.onLimit = choice(reader, "on_limit", default: counting.onLimit)
        counting.royaltyEstimate = money(reader, "royalty_estimate") ?? counting.royaltyEstimate
        counting.royaltyAutoApproveMax = money(reader, "royalty_auto_approve_max") ?? counting.royaltyAutoApproveMax
        counting.documentSupplier = reader.string("document_supplier", expected: "a peer name like \"reprints\"")
        if counting.onLimit == .documentSupplier, counting.documentSupplier == nil {
            reader.report("on_limit", "\"document_supplier\" needs document_supplier = \"PEER NAME\" in this table")
        }
        if let text = reader.string("nonperiodical_code", expected: "a code like \"US-CCG\"") { counting.nonperiodicalCode = text }
        if let serials = plainStrings(reader, "owned_serials") { counting.ownedSerials = serials }
        if let serials = plainStrings(reader, "on_order_serials") { counting.onOrderSerials = serials }
        if let path = reader.string("issn_l_table", expected: "a path like \"config/issn-l.tsv\""), !path.isEmpty {
            counting.issnL = readISSNLTable(resolve(path), reader)
        }
        if let elements = reader.strings("generic_titles", expected: "an array of titles like [\"Bulletin\", \"Newsletter\"]") {
            counting.genericTitles = []
            for element in elements {
                guard !TitleKey.make(element.value).isEmpty else {
                    reader.report(at: element.path, "a generic title needs at least one letter or digit, found \"\(element.value)\"")
                    continue
                }
                counting.genericTitles.append(element.value)
            }
        }
        counting.publicDomainYears = reader.integer("public_domain_years", expected: "a number of years like 96 (0 disables)", atLeast: 0, atMost: 500) ?? counting.publicDomainYears
        if let text = reader.string("retention", expected: "\"contu\" or a number of years like \"4y\"") {
            if text == "contu" {
                counting.retention = .contu
            } else if text.hasSuffix("y"), let years = Int(text.dropLast()), years > 0 {
                counting.retention = .years(years)
            } else {
                reader.report("retention", "expected \"contu\" or a number of years like \"4y\", found \"\(text)\"")
            }
        }
        reader.finish()
        return counting
    }

    /// An ISSN-L table: lines of `ISSN<TAB>ISSN-L` (the ISSN Centre's file), `#` comments allowed.
    private func readISSNLTable(_ path: String, _ reader: TableReader) -> [String: String] {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            reader.report("issn_l_table", "cannot read \(path)")
            return [:]
        }
        var table: [String: String] = [:]
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let fields = trimmed.split(whereSeparator: { $0 == "\t" || $0 == "," })
            guard fields.count >= 2, let issn = ISSN(String(fields[0])), let linking = ISSN(String(fields[1])) else {
                if index == 0 { continue }  // a header line
                reader.report("issn_l_table", "\(path):\(index + 1): expected two valid ISSNs separated by a tab")
                continue
            }
            table[issn.canonical] = linking.canonical
        }
        return table
    }

    /// `regime` must agree with `accepted_codes`: a US library accepting only UK codes is a typo.
    private func checkRegime(_ copyright: CopyrightConfiguration, _ reader: TableReader) {
        let prefix: String
        switch copyright.regime {
        case .us: prefix = "US-"
        case .uk: prefix = "UK-"
        case .au: prefix = "AU-"
        case .nz: prefix = "NZ-"
        case .ca, .none: return
        }
        if !copyright.acceptedCodes.isEmpty, !copyright.acceptedCodes.contains(where: { $0.uppercased().hasPrefix(prefix) }) {
            reader.report("accepted_codes", "regime \"\(copyright.regime.rawValue)\" but no \(prefix)… code is accepted; list the regime's codes, like [\"\(prefix)…\"]")
        }
    }

    // MARK: [policy.borrowing], [policy.patron_types.NAME]

    private func readBorrowing(_ reader: TableReader) -> BorrowingPolicyConfiguration {
        var borrowing = BorrowingPolicyConfiguration()
        borrowing.checkDuplicateHours = reader.integer("check_duplicate_hours", expected: "a number of hours like 24", atLeast: 0, atMost: 8760) ?? borrowing.checkDuplicateHours
        borrowing.overLimitAction = choice(reader, "over_limit_action", default: borrowing.overLimitAction)
        borrowing.locallyAvailableAction = choice(reader, "locally_available_action", default: borrowing.locallyAvailableAction)
        borrowing.defaultPatronType = reader.string("default_patron_type", expected: "a patron type name like \"faculty\"")
        if let text = reader.string("expect_to_supply_by", expected: "a string like \"5 business days\"") {
            if let deadline = ReviewTimeout(parsing: text) {
                borrowing.expectToSupplyBy = deadline
            } else {
                reader.report("expect_to_supply_by", "cannot read \"\(text)\"; write a number and hours, days or business days, like \"5 business days\"")
            }
        }
        reader.finish()
        return borrowing
    }

    private func readPatronType(_ reader: TableReader) -> PatronTypePolicy {
        var type = PatronTypePolicy()
        type.ill = reader.bool("ill") ?? true
        type.maxOpen = reader.integer("max_open", expected: "an integer like 25", atLeast: 1)
        type.maxCost = money(reader, "max_cost")
        type.notBorrowable = plainStrings(reader, "not_borrowable") ?? []
        reader.finish()
        return type
    }

    // MARK: Value helpers

    /// One of an enumeration's raw values, reported with the list of choices when it is not.
    func choice<Choice: RawRepresentable & CaseIterable>(_ reader: TableReader, _ key: String, default value: Choice) -> Choice
    where Choice.RawValue == String {
        let choices = Choice.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
        guard let text = reader.string(key, expected: "one of \(choices)") else { return value }
        if let parsed = Choice(rawValue: text) ?? Choice.allCases.first(where: { $0.rawValue.lowercased() == text.lowercased() }) {
            return parsed
        }
        reader.report(key, "unknown value \"\(text)\"; expected one of \(choices)")
        return value
    }

    /// A sum of money: a string like "15.00" (exact) or a number; never negative.
    func money(_ reader: TableReader, _ key: String) -> Decimal? {
        guard let value = reader.value(key) else { return nil }
        let text: String
        if let string = value.string {
            text = string
        } else if let integer = value.int {
            text = String(integer)
        } else if value.double != nil {
            reader.report(key, "write the amount as a string like \"15.50\": a floating-point number cannot hold money exactly")
            return nil
        } else {
            reader.report(key, "expected an amount like \"15.00\", found \(TableReader.describe(value.type))")
            return nil
        }
        guard let amount = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")), !amount.isNaN, amount >= 0,
            text.allSatisfy({ $0.isNumber || $0 == "." })
        else {
            reader.report(key, "expected an amount like \"15.00\", found \"\(text)\"")
            return nil
        }
        return amount
    }

    /// An array of strings, elements reported where they are not strings.
    func plainStrings(_ reader: TableReader, _ key: String) -> [String]? {
        reader.strings(key, expected: "an array of strings")?.map(\.value)
    }

    func serviceTypes(_ reader: TableReader, _ key: String) -> [ServiceType]? {
        guard let elements = reader.strings(key, expected: "an array like [\"Loan\", \"Copy\"]") else { return nil }
        var types: [ServiceType] = []
        for element in elements {
            if let type = ServiceType.allCases.first(where: { $0.rawValue.lowercased() == element.value.lowercased() }) {
                types.append(type)
            } else {
                reader.report(at: element.path, "unknown service type \"\(element.value)\"; expected \"Loan\", \"Copy\" or \"CopyOrLoan\"")
            }
        }
        return types
    }

    private func agencyKeys(_ reader: TableReader, _ key: String) -> [String]? {
        guard let elements = reader.strings(key, expected: "an array of agency ids like [\"ISIL:US-BAD\"]") else { return nil }
        var keys: [String] = []
        for element in elements {
            switch Self.parseAgencyID(element.value) {
            case .success(let agency): keys.append(agency.key)
            case .failure(let message): reader.report(at: element.path, message.description)
            }
        }
        return keys
    }

    private func countries(_ reader: TableReader, _ key: String) -> [String]? {
        guard let elements = reader.strings(key, expected: "an array of country codes like [\"US\", \"CA\"]") else { return nil }
        var codes: [String] = []
        for element in elements {
            if element.value.count == 2, element.value.allSatisfy({ $0.isASCII && $0.isLetter }) {
                codes.append(element.value.uppercased())
            } else {
                reader.report(at: element.path, "\"\(element.value)\" is not a two-letter country code like \"US\"")
            }
        }
        return codes
    }

    static func isCurrency(_ text: String) -> Bool {
        ISO4217.isActive(text)
    }

    /// The first instant of a `YYYY-MM-DD` day in the calendar's zone.
    static func day(_ text: String, calendar: Calendar) -> Date? {
        CalendarDay(iso: text)?.start(in: calendar)
    }
}

// MARK: Peers' policy keys

extension ConfigurationParser {
    /// The policy keys of one `[[peers]]` table: how we lend to the peer and what we know of it as a lender.
    func readPeerProfile(_ reader: TableReader, name: String, agencyIDs: [AgencyID], edition: Edition, calendar: Calendar) -> PeerProfile {
        var profile = PeerProfile(name: name, agencyIDs: agencyIDs.map(\.key), edition: edition)
        if let text = reader.string("country", expected: "a country code like \"US\"") {
            if text.count == 2, text.allSatisfy({ $0.isASCII && $0.isLetter }) {
                profile.country = text.uppercased()
            } else {
                reader.report("country", "\"\(text)\" is not a two-letter country code like \"US\"")
            }
        }
        profile.groups = plainStrings(reader, "groups") ?? []
        profile.isBlocked = reader.bool("blocked") ?? false
        profile.serviceTypes = serviceTypes(reader, "service_types")
        profile.copyrightAssume = reader.string("copyright_assume", expected: "a code like \"US-CCG\"")
        profile.acceptedCopyrightCodes = plainStrings(reader, "accepted_copyright_codes") ?? []
        profile.lends = serviceTypes(reader, "lends")
        profile.loanCharge = money(reader, "loan_charge")
        profile.copyCharge = money(reader, "copy_charge")
        if let text = reader.string("closed_until", expected: "a date like \"2026-03-20\""), !text.isEmpty {
            if let day = Self.day(text, calendar: calendar) {
                profile.closedUntil = day
            } else {
                reader.report("closed_until", "expected a date like \"2026-03-20\", found \"\(text)\"")
            }
        }
        profile.formatsNotLent = plainStrings(reader, "formats_not_lent") ?? []
        profile.preference = reader.integer("preference", expected: "an integer; lower is asked first", atLeast: -1000, atMost: 1000) ?? 0
        return profile
    }
}
