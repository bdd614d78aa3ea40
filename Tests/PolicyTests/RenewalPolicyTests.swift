import Foundation
import Policy
import Testing

@Suite("Renewals R01–R03")
struct RenewalPolicyTests {
    struct RenewalCase: Sendable, CustomTestStringConvertible {
        let rule: String
        let description: String
        var state: RenewalInput.LoanState = .loaned
        var due: Date? = LendingFixture.date(2026, 4, 1)
        var used = 0
        var hold = false
        var configure: @Sendable (inout LendingPolicyConfiguration) -> Void = { _ in }
        /// The new due date when granted, `nil` when refused.
        let granted: Date?
        /// Words the refusal note must contain.
        var noteContains = ""

        var testDescription: String { "\(rule): \(description)" }
    }

    static let now = LendingFixture.date(2026, 3, 20)

    static let cases: [RenewalCase] = [
        RenewalCase(rule: "R01", description: "granted: the due date plus 28 days", granted: LendingFixture.date(2026, 4, 29)),
        RenewalCase(rule: "R01", description: "overdue and renew_overdue: today plus 28 days", state: .overdue, due: LendingFixture.date(2026, 3, 1), granted: LendingFixture.date(2026, 4, 17)),
        RenewalCase(rule: "R01", description: "no due date known: today plus the period", due: nil, configure: { $0.renewalPeriodDays = 14 }, granted: LendingFixture.date(2026, 4, 3)),
        RenewalCase(rule: "R01", description: "second of two renewals", used: 1, configure: { $0.renewalMax = 2 }, granted: LendingFixture.date(2026, 4, 29)),
        RenewalCase(rule: "R02", description: "renewal limit reached", used: 1, granted: nil, noteContains: "limit of 1"),
        RenewalCase(rule: "R02", description: "recalled", state: .recalled, granted: nil, noteContains: "recalled"),
        RenewalCase(rule: "R02", description: "a local hold", hold: true, granted: nil, noteContains: "hold"),
        RenewalCase(rule: "R02", description: "overdue with renew_overdue = false", state: .overdue, configure: { $0.renewOverdue = false }, granted: nil, noteContains: "overdue"),
        RenewalCase(rule: "R03", description: "renewal_max 0 refuses every renewal", configure: { $0.renewalMax = 0 }, granted: nil, noteContains: "do not renew"),
    ]

    @Test("renewal rules", arguments: cases)
    func renewal(_ testCase: RenewalCase) {
        var lending = LendingPolicyConfiguration()
        testCase.configure(&lending)
        let policy = LendingPolicy(configuration: PolicyConfiguration(lending: lending))
        let input = RenewalInput(state: testCase.state, currentDueDate: testCase.due, renewalsUsed: testCase.used, itemHasLocalHold: testCase.hold, now: Self.now)
        let decision = policy.decideRenewal(input)
        #expect(decision.rule.rawValue == testCase.rule)
        #expect(decision.trace.last?.rule.rawValue == testCase.rule)
        switch (decision.outcome, testCase.granted) {
        case (.granted(let newDue), let expected?):
            #expect(newDue == expected)
        case (.refused(let note), nil):
            #expect(note.hasPrefix("[illgate:"))
            #expect(note.contains(testCase.noteContains), "\(note)")
        default:
            Issue.record("unexpected \(decision.outcome); trace \(decision.trace)")
        }
    }

    @Test("due dates are counted in the library's calendar across a DST change")
    func libraryCalendar() throws {
        let chicago = try #require(TimeZone(identifier: "America/Chicago"))
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = chicago
        // 2026-03-01 10:00 Chicago (CST); DST starts 2026-03-08. 28 days later is 10:00 CDT.
        let due = try #require(calendar.date(from: DateComponents(year: 2026, month: 3, day: 1, hour: 10)))
        let policy = LendingPolicy(configuration: PolicyConfiguration(timeZone: chicago))
        let decision = policy.decideRenewal(RenewalInput(state: .loaned, currentDueDate: due, renewalsUsed: 0, itemHasLocalHold: false, now: due.addingTimeInterval(-86_400)))
        guard case .granted(let newDue) = decision.outcome else {
            Issue.record("not granted: \(decision.outcome)")
            return
        }
        #expect(calendar.dateComponents([.year, .month, .day, .hour], from: newDue) == DateComponents(year: 2026, month: 3, day: 29, hour: 10))
    }
}
