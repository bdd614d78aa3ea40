import ISO18626
import Testing

@testable import Transactions

/// Breadth-first search over both roles' machines (state plus the pending flags the effects set and clear),
/// for each service type, from a new transaction.
@Suite("Reachability")
struct ReachabilityTests {
    static let supplierGraphs: [ServiceType: MachineGraph<SupplierStateMachine>] = Dictionary(
        uniqueKeysWithValues: ServiceType.allCases.map { ($0, MachineGraph(from: SupplierStateMachine(serviceType: $0))) }
    )
    static let requesterGraphs: [ServiceType: MachineGraph<RequesterStateMachine>] = Dictionary(
        uniqueKeysWithValues: ServiceType.allCases.map { ($0, MachineGraph(from: RequesterStateMachine(serviceType: $0))) }
    )

    static let requesterLoanStates: Set<RequesterState> = [.shipped, .received, .withPatron, .returnShipped, .awaitingBill]

    // MARK: Supplier

    @Test("Supplier: every state is reachable from requestReceived for at least one service type")
    func supplierEveryStateReachable() {
        let reached = Self.supplierGraphs.values.reduce(into: Set<SupplierState>()) { $0.formUnion($1.states) }
        #expect(reached == Set(SupplierState.allCases), "unreachable: \(Set(SupplierState.allCases).subtracting(reached))")
    }

    @Test("Supplier: from every reachable machine a terminal state is reachable", arguments: ServiceType.allCases)
    func supplierTerminalAlwaysReachable(service: ServiceType) throws {
        let graph = try #require(Self.supplierGraphs[service])
        let good = graph.canReach { $0.state.isTerminal }
        let stuck = graph.nodes.subtracting(good)
        #expect(stuck.isEmpty, "no way to a terminal state from \(stuck.map { "\($0.state)" }.sorted())")
    }

    @Test("Supplier: which states each service type reaches", arguments: ServiceType.allCases)
    func supplierStatesPerService(service: ServiceType) throws {
        let states = try #require(Self.supplierGraphs[service]).states
        let loanStates = Set(SupplierState.allCases.filter(\.isOnLoan)).union([.loanCompleted])
        let common: Set<SupplierState> = [.requestReceived, .expectToSupply, .willSupply, .retryPossible, .unfilled, .cancelled]
        switch service {
        case .copy:
            #expect(states.isDisjoint(with: loanStates), "loan states for a copy: \(states.intersection(loanStates))")
            #expect(states == common.union([.copyCompleted]))
        case .loan:
            #expect(!states.contains(.copyCompleted))
            #expect(states == common.union(loanStates).union([.completedWithoutReturn]))
        case .copyOrLoan:
            #expect(states == Set(SupplierState.allCases))
        }
    }

    @Test("Supplier: the bare table (any pending flags) reaches the same states as the machine", arguments: ServiceType.allCases)
    func supplierTableAgreesWithMachine(service: ServiceType) throws {
        let overTable = tableReachableStates(SupplierTransitionTable.table, from: .requestReceived, serviceType: service)
        #expect(overTable == (try #require(Self.supplierGraphs[service])).states)
    }

    @Test("Supplier: no accepted event leaves a terminal state, along any reachable path", arguments: ServiceType.allCases)
    func supplierTerminalStaysTerminal(service: ServiceType) throws {
        let graph = try #require(Self.supplierGraphs[service])
        for node in graph.nodes where node.state.isTerminal {
            for edge in graph.edges[node, default: []] {
                #expect(edge.next.state == node.state, "\(node.state) -> \(edge.next.state) on \(edge.event)")
            }
        }
    }

    // MARK: Requester

    @Test("Requester: every state is reachable from requested for at least one service type")
    func requesterEveryStateReachable() {
        let reached = Self.requesterGraphs.values.reduce(into: Set<RequesterState>()) { $0.formUnion($1.states) }
        #expect(reached == Set(RequesterState.allCases), "unreachable: \(Set(RequesterState.allCases).subtracting(reached))")
    }

    @Test("Requester: from every reachable machine a terminal state is reachable", arguments: ServiceType.allCases)
    func requesterTerminalAlwaysReachable(service: ServiceType) throws {
        let graph = try #require(Self.requesterGraphs[service])
        let stuck = graph.nodes.subtracting(graph.canReach { $0.state.isTerminal })
        #expect(stuck.isEmpty, "no way to a terminal state from \(stuck.map { "\($0.state)" }.sorted())")
    }

    @Test("Requester: which states each service type reaches", arguments: ServiceType.allCases)
    func requesterStatesPerService(service: ServiceType) throws {
        let states = try #require(Self.requesterGraphs[service]).states
        let common: Set<RequesterState> = [.requested, .expectToSupply, .willSupply, .conditionsOffered, .unfilled, .cancelled, .retried, .completed]
        switch service {
        case .copy:
            #expect(states.isDisjoint(with: Self.requesterLoanStates))
            #expect(!states.contains(.completedWithoutReturn))
            #expect(states == common.union([.copyDelivered]))
        case .loan:
            #expect(!states.contains(.copyDelivered))
            #expect(states == common.union(Self.requesterLoanStates).union([.completedWithoutReturn]))
        case .copyOrLoan:
            #expect(states == Set(RequesterState.allCases))
        }
    }

    @Test("Requester: the bare table (any pending flags) reaches the same states as the machine", arguments: ServiceType.allCases)
    func requesterTableAgreesWithMachine(service: ServiceType) throws {
        let overTable = tableReachableStates(RequesterTransitionTable.table, from: .requested, serviceType: service)
        #expect(overTable == (try #require(Self.requesterGraphs[service])).states)
    }

    @Test("Requester: no accepted event leaves a terminal state, along any reachable path", arguments: ServiceType.allCases)
    func requesterTerminalStaysTerminal(service: ServiceType) throws {
        let graph = try #require(Self.requesterGraphs[service])
        for node in graph.nodes where node.state.isTerminal {
            for edge in graph.edges[node, default: []] {
                #expect(edge.next.state == node.state, "\(node.state) -> \(edge.next.state) on \(edge.event)")
            }
        }
    }
}
