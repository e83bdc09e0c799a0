/// Runs a parsed template: one evaluator per render, holding the variables, the output and the
/// counters that enforce ``VTLLimits``.
final class VTLEvaluator {
    private enum Flow {
        case normal
        case breakLoop
        case stop
    }

    private let template: VTLTemplate
    let limits: VTLLimits
    private var globals: [String: VTLValue]
    /// One frame per macro call in progress: its parameters.
    private var frames: [[String: VTLValue]] = []
    private var output = ""
    private var operations = 0
    /// Where in the template evaluation is, for error positions.
    private var position = 0
    /// Inside a double-quoted string offsets are the string's own, so positions stay put.
    private var interpolationDepth = 0
    /// Interpolations and `#define` blocks in progress; bounds a block that renders itself.
    private var renderDepth = 0
    /// Blocks being executed inside one another, across macros, `#define` blocks and
    /// interpolations: what bounds the evaluator's stack whatever the template does.
    private var nesting = 0
    static let maximumNesting = 1000

    init(template: VTLTemplate, context: VTLContext) {
        self.template = template
        limits = context.limits
        globals = context.variables
    }

    func run() throws(VTLError) -> String {
        do {
            _ = try execute(template.nodes)
        } catch {
            throw located(error)
        }
        return output
    }

    /// Adds the current template position to an error raised without one.
    private func located(_ error: VTLError) -> VTLError {
        guard error.line == 0 else { return error }
        var located = error
        let lexer = VTLLexer(bytes: template.source)
        (located.line, located.column) = lexer.position(of: position)
        return located
    }

    private func at(_ offset: Int) {
        if interpolationDepth == 0 { position = offset }
    }

    private func tick() throws(VTLError) {
        operations += 1
        if operations > limits.operations {
            throw VTLError(.limit, "Template did more than \(limits.operations) operations")
        }
    }

    func checkString(_ string: String) throws(VTLError) {
        if string.utf8.count > limits.outputBytes {
            throw VTLError(.limit, "String longer than \(limits.outputBytes) bytes")
        }
    }

    func checkCollection(_ count: Int) throws(VTLError) {
        if count > limits.collectionSize {
            throw VTLError(.limit, "Collection larger than \(limits.collectionSize) elements")
        }
    }

    private func emit(_ text: String) throws(VTLError) {
        output += text
        if output.utf8.count > limits.outputBytes {
            throw VTLError(.limit, "Template output larger than \(limits.outputBytes) bytes")
        }
    }

    // MARK: Variables

    private func variable(_ name: String) -> VTLValue {
        if let frame = frames.last, let value = frame[name] { return value }
        return globals[name] ?? .null
    }

    private func assign(_ name: String, _ value: VTLValue?) {
        if !frames.isEmpty, frames[frames.count - 1][name] != nil {
            frames[frames.count - 1][name] = value ?? .null
            return
        }
        globals[name] = value
    }

    // MARK: Nodes

    private func execute(_ nodes: [VTLNode]) throws(VTLError) -> Flow {
        nesting += 1
        defer { nesting -= 1 }
        guard nesting <= Self.maximumNesting else {
            throw VTLError(.limit, "Blocks, macros and #define nested more than \(Self.maximumNesting) levels deep while rendering")
        }
        for node in nodes {
            try tick()
            switch node {
            case .text(let text):
                try emit(text)
            case .reference(let reference):
                at(reference.offset)
                let value = try resolve(reference)
                try emit(try text(of: value))
            case .set(let target, let value, let offset):
                at(offset)
                try set(target, try evaluate(value))
            case .conditional(let branches, let otherwise):
                var taken = false
                for branch in branches where try truth(try evaluate(branch.condition)) {
                    taken = true
                    let flow = try execute(branch.body)
                    if flow != .normal { return flow }
                    break
                }
                if !taken, let otherwise {
                    let flow = try execute(otherwise)
                    if flow != .normal { return flow }
                }
            case .foreach(let variable, let iterable, let body, let offset):
                at(offset)
                if try foreach(variable, iterable, body) == .stop { return .stop }
            case .breakLoop:
                return .breakLoop
            case .stop:
                return .stop
            case .define(let name, let body):
                assign(name, .object(VTLDefinedBlock(body: body, evaluator: self)))
            case .macroCall(let name, let arguments, let source, let offset):
                at(offset)
                guard let macro = template.macros[name] else {
                    // Not a macro after all: Velocity writes the text as it stands.
                    try emit(source)
                    continue
                }
                if try call(macro, arguments) == .stop { return .stop }
            }
        }
        return .normal
    }

    /// Renders nodes into a string of their own (a double-quoted string, a `#define` block).
    func renderToString(_ nodes: [VTLNode], interpolated: Bool) throws(VTLError) -> String {
        renderDepth += 1
        if interpolated { interpolationDepth += 1 }
        defer {
            renderDepth -= 1
            if interpolated { interpolationDepth -= 1 }
        }
        guard renderDepth <= limits.macroDepth * 5 else {
            throw VTLError(.limit, "Blocks rendering each other more than \(limits.macroDepth * 5) levels deep")
        }
        let saved = output
        output = ""
        defer { output = saved }
        _ = try execute(nodes)
        return output
    }

    private func call(_ macro: VTLMacro, _ arguments: [VTLExpression]) throws(VTLError) -> Flow {
        guard frames.count < limits.macroDepth else {
            throw VTLError(.limit, "Macros calling each other more than \(limits.macroDepth) levels deep")
        }
        var frame: [String: VTLValue] = [:]
        for (index, parameter) in macro.parameters.enumerated() {
            frame[parameter] = index < arguments.count ? try evaluate(arguments[index]) : .null
        }
        frames.append(frame)
        defer { frames.removeLast() }
        let flow = try execute(macro.body)
        return flow == .stop ? .stop : .normal
    }

    private func foreach(_ variable: String, _ iterable: VTLExpression, _ body: [VTLNode]) throws(VTLError) -> Flow {
        // A range is walked without building it, so `[1..2147483647]` costs only the iterations.
        var elements: [VTLValue] = []
        var range: (from: Int, to: Int)?
        if case .range(let from, let to, _) = iterable {
            guard case .int(let first) = try evaluate(from), case .int(let last) = try evaluate(to) else { return .normal }
            range = (first, last)
        } else {
            switch try evaluate(iterable) {
            case .list(let list): elements = list.elements
            case .map(let map): elements = map.entries.map(\.value)
            default: return .normal
            }
        }
        let total: Int
        if let range {
            // Only the first `foreachIterations` are ever walked, so a span past Int.max is "many".
            let span = range.from <= range.to ? range.to.subtractingReportingOverflow(range.from)
                : range.from.subtractingReportingOverflow(range.to)
            total = span.overflow || span.partialValue == Int.max ? Int.max : span.partialValue + 1
        } else {
            total = elements.count
        }
        let savedVariable = variable == "foreach" ? nil : globals[variable]
        let savedScope = globals["foreach"]
        let savedCount = globals["velocityCount"]
        let savedHasNext = globals["velocityHasNext"]
        defer {
            globals[variable] = savedVariable
            globals["foreach"] = savedScope
            globals["velocityCount"] = savedCount
            globals["velocityHasNext"] = savedHasNext
        }
        let scope = VTLForeachScope(total: total, parent: savedScope)
        var index = 0
        while index < total {
            guard index < limits.foreachIterations else { break }
            let element: VTLValue
            if let range {
                element = .int(range.from <= range.to ? range.from + index : range.from - index)
            } else {
                element = elements[index]
            }
            scope.index = index
            globals[variable] = element
            globals["foreach"] = .object(scope)
            globals["velocityCount"] = .int(index + 1)
            globals["velocityHasNext"] = .bool(index + 1 < total)
            switch try execute(body) {
            case .normal: break
            case .breakLoop: return .normal
            case .stop: return .stop
            }
            index += 1
        }
        return .normal
    }

    private func set(_ target: VTLReference, _ value: VTLValue) throws(VTLError) {
        // Velocity 1.7: a null right-hand side leaves the left-hand side as it was.
        if value.isNull { return }
        guard let last = target.steps.last else {
            assign(target.name, value)
            return
        }
        var container = variable(target.name)
        for step in target.steps.dropLast() {
            container = try apply(step, to: container)
            if container.isNull { return }
        }
        switch (last, container) {
        case (.property(let name), .map(let map)):
            map[name] = value
        case (.property(let name), .object(let object)):
            _ = try object.call("set" + capitalized(name), [value])
        case (.index(let indexExpression), _):
            let key = try evaluate(indexExpression)
            switch container {
            case .list(let list):
                guard case .int(var index) = key else { return }
                if index < 0 { index += list.elements.count }
                guard list.elements.indices.contains(index) else {
                    throw VTLError(.runtime, "Index \(index) out of bounds for length \(list.elements.count)")
                }
                list.elements[index] = value
            case .map(let map):
                map[try text(of: key)] = value
            case .object(let object):
                _ = try object.call("put", [key, value])
            default:
                return
            }
        case (.method, _):
            throw VTLError(.syntax, "#set can't assign to a method call")
        default:
            return
        }
    }

    // MARK: References

    func resolve(_ reference: VTLReference) throws(VTLError) -> VTLValue {
        var value = variable(reference.name)
        for step in reference.steps {
            if value.isNull { return .null }
            value = try apply(step, to: value)
        }
        return value
    }

    private func apply(_ step: VTLReference.Step, to value: VTLValue) throws(VTLError) -> VTLValue {
        try tick()
        switch step {
        case .property(let name):
            return try VTLMethods.property(of: value, name)
        case .method(let name, let argumentExpressions):
            var arguments: [VTLValue] = []
            for expression in argumentExpressions { arguments.append(try evaluate(expression)) }
            let result = try VTLMethods.call(name, on: value, arguments, evaluator: self) ?? .null
            if case .string(let string) = result { try checkString(string) }
            return result
        case .index(let expression):
            let key = try evaluate(expression)
            switch value {
            case .list(let list):
                guard case .int(var index) = key else { return .null }
                if index < 0 { index += list.elements.count }
                guard list.elements.indices.contains(index) else {
                    throw VTLError(.runtime, "Index \(index) out of bounds for length \(list.elements.count)")
                }
                return list.elements[index]
            case .map(let map):
                return map[try text(of: key)] ?? .null
            case .object(let object):
                return try object.call("get", [key]) ?? .null
            default:
                return .null
            }
        }
    }

    /// A value's rendering, bounded by the output limit.
    func text(of value: VTLValue) throws(VTLError) -> String {
        try JavaText.render(value, limit: limits.outputBytes)
    }

    // MARK: Expressions

    func evaluate(_ expression: VTLExpression) throws(VTLError) -> VTLValue {
        try tick()
        switch expression {
        case .null: return .null
        case .bool(let bool): return .bool(bool)
        case .int(let int): return .int(int)
        case .double(let double): return .double(double)
        case .string(let string): return .string(string)
        case .interpolated(let nodes):
            let string = try renderToString(nodes, interpolated: true)
            try checkString(string)
            return .string(string)
        case .reference(let reference):
            return try resolve(reference)
        case .list(let expressions):
            var elements: [VTLValue] = []
            for element in expressions { elements.append(try evaluate(element)) }
            return .list(VTLList(elements))
        case .map(let entries):
            let map = VTLMap()
            for (keyExpression, valueExpression) in entries {
                let key = try text(of: try evaluate(keyExpression))
                map[key] = try evaluate(valueExpression)
            }
            return .map(map)
        case .range(let from, let to, _):
            guard case .int(let first) = try evaluate(from), case .int(let last) = try evaluate(to) else { return .null }
            let distance = first <= last ? last.subtractingReportingOverflow(first) : first.subtractingReportingOverflow(last)
            guard !distance.overflow, distance.partialValue < limits.collectionSize else {
                throw VTLError(.limit, "Range larger than \(limits.collectionSize) elements")
            }
            let values = first <= last ? Array(first...last) : Array((last...first).reversed())
            return .list(VTLList(values.map { .int($0) }))
        case .not(let operand):
            return .bool(!(try truth(try evaluate(operand))))
        case .negate(let operand, _):
            switch try evaluate(operand) {
            case .int(let int):
                let (negated, overflow) = (0).subtractingReportingOverflow(int)
                return overflow ? .double(-Double(int)) : .int(negated)
            case .double(let double): return .double(-double)
            default: return .null
            }
        case .binary(let op, let leftExpression, let rightExpression, _):
            switch op {
            case .and:
                guard try truth(try evaluate(leftExpression)) else { return .bool(false) }
                return .bool(try truth(try evaluate(rightExpression)))
            case .or:
                if try truth(try evaluate(leftExpression)) { return .bool(true) }
                return .bool(try truth(try evaluate(rightExpression)))
            default:
                let left = try evaluate(leftExpression)
                let right = try evaluate(rightExpression)
                let result = try VTLOperations.apply(op, left, right, evaluator: self)
                if case .string(let string) = result { try checkString(string) }
                return result
            }
        }
    }

    /// Velocity 1.7's truth: null and `false` are false, every other value is true.
    func truth(_ value: VTLValue) throws(VTLError) -> Bool {
        switch value {
        case .null: return false
        case .bool(let bool): return bool
        default: return true
        }
    }
}

func capitalized(_ name: String) -> String {
    guard let first = name.first else { return name }
    return first.uppercased() + name.dropFirst()
}

extension VTLLexer {
    init(bytes: [UInt8]) {
        self.bytes = bytes
    }
}
