import Daemon
import Gateway
import Policy
import Testing

/// `[[library.branches]]`: our own branches, the pickup locations of borrowed items.
@Suite struct ConfigurationBranchesTests {
    private let library = """
        [library]
        agency_ids = ["ISIL:US-NNC"]

        """

    @Test func branchesReachTheGatewayWithTheirAddresses() throws {
        let configuration = try ConfigurationTestSupport.parse(
            library + """
                [[library.branches]]
                code = "MAIN"
                name = "Main Library"
                address = ["1 Library Way", "Springfield"]

                [[library.branches]]
                code = "LAW"
                name = "Law Library"
                """
        )
        #expect(configuration.library.branches == [
            Branch(code: "MAIN", name: "Main Library", address: ["1 Library Way", "Springfield"]),
            Branch(code: "LAW", name: "Law Library"),
        ])
        #expect(configuration.gateway.branches.map(\.code) == ["MAIN", "LAW"])
        #expect(configuration.gateway.branch(code: "law")?.name == "Law Library")
        #expect(configuration.gateway.branch(code: "MOON") == nil)
    }

    @Test func aBranchWithoutACodeIsReportedAtItsLine() throws {
        let problem = try ConfigurationTestSupport.problem(library + "[[library.branches]]\nname = \"Main Library\"\n")
        #expect(problem.key == "library.branches[1].code")
        #expect(problem.message.hasPrefix("required key is missing"))
    }

    @Test func aBadOrRepeatedCodeIsReportedWithTheKey() throws {
        let bad = try ConfigurationTestSupport.problem(library + "[[library.branches]]\ncode = \"MAIN LIB\"\nname = \"Main\"\n")
        #expect(bad.key == "library.branches[1].code")
        #expect(bad.line == 4)
        #expect(bad.message == "must be 1 to 16 letters, digits, '-' or '_', found \"MAIN LIB\"")

        let twice = try ConfigurationTestSupport.problem(
            library + "[[library.branches]]\ncode = \"MAIN\"\nname = \"Main\"\n[[library.branches]]\ncode = \"main\"\nname = \"Other\"\n"
        )
        #expect(twice.key == "library.branches[2].code")
        #expect(twice.message == "\"main\" is the code of another branch already")
    }

    @Test func theExpectToSupplyDeadlineIsReadOrReportedWithItsKey() throws {
        let good = try ConfigurationTestSupport.parse(library + "[policy.borrowing]\nexpect_to_supply_by = \"5 business days\"\n")
        #expect(good.policy?.borrowing.expectToSupplyBy == ReviewTimeout(amount: 5, unit: .businessDays))
        let bad = try ConfigurationTestSupport.problem(library + "[policy.borrowing]\nexpect_to_supply_by = \"soon\"\n")
        #expect(bad.key == "policy.borrowing.expect_to_supply_by")
        #expect(bad.message.hasPrefix("cannot read \"soon\""))
    }

    @Test func closedDaysAreReadOrTheBadOneIsReportedWithItsPlace() throws {
        let good = try ConfigurationTestSupport.parse(library + "[policy]\nclosed_days = [\"2026-12-25\", \"2027-01-01\"]\n")
        #expect(good.policy?.closedDays == [CalendarDay(year: 2026, month: 12, day: 25), CalendarDay(year: 2027, month: 1, day: 1)])
        let bad = try ConfigurationTestSupport.problem(library + "[policy]\nclosed_days = [\"2026-12-25\", \"Christmas\"]\n")
        #expect(bad.key == "policy.closed_days[2]", "counted from 1, as the file reads")
        #expect(bad.message == "\"Christmas\" is not a day like 2026-12-25")
    }

    @Test func thePullTimeoutIsReadOrReportedWithItsKey() throws {
        #expect(try ConfigurationTestSupport.parse(library).policy?.lending.pullTimeout ?? LendingPolicyConfiguration().pullTimeout
            == ReviewTimeout(amount: 2, unit: .businessDays))
        let hours = try ConfigurationTestSupport.parse(library + "[policy.lending]\npull_timeout = \"48 hours\"\n")
        #expect(hours.policy?.lending.pullTimeout == ReviewTimeout(amount: 48, unit: .hours))
        let bad = try ConfigurationTestSupport.problem(library + "[policy.lending]\npull_timeout = \"two days\"\n")
        #expect(bad.key == "policy.lending.pull_timeout")
        #expect(bad.message.hasPrefix("cannot read \"two days\""))
    }

    @Test func anUnknownBranchKeyIsReported() throws {
        let problem = try ConfigurationTestSupport.problem(library + "[[library.branches]]\ncode = \"MAIN\"\nname = \"Main\"\nadress = [\"x\"]\n")
        #expect(problem.key == "library.branches[1].adress")
        #expect(problem.message.contains("did you mean `address`?"))
    }
}
