import NumericKit

/// The random stream a trajectory draws from (NumericKit's GSL-backed stream).
public typealias RandomStreamHandle = RandomStream
