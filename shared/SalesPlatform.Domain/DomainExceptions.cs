namespace SalesPlatform.Domain;

/// <summary>
/// A business rule refused the request (for example a stage moved forward without its exit
/// criteria). Mapped to 422 with <see cref="Code"/> so clients can react without parsing text.
/// Domain code throws it; it depends on nothing but the BCL.
/// </summary>
public class BusinessRuleException(string code, string message) : Exception(message)
{
    /// <summary>Stable machine-readable rule name, e.g. <c>lead.already-disqualified</c>.</summary>
    public string Code { get; } = code;

    /// <summary>
    /// What a client needs to act on the refusal, added to the problem details as members: <c>missing</c>
    /// (the criteria not met, by name), <c>existingId</c> (the record a duplicate duplicates) ...
    /// </summary>
    public IReadOnlyDictionary<string, object?> Details { get; init; } = new Dictionary<string, object?>();
}

/// <summary>The request conflicts with the current state (concurrent change, duplicate). Mapped to 409.</summary>
public class ConflictException(string code, string message) : BusinessRuleException(code, message);

/// <summary>The resource does not exist or the caller may not see it. Mapped to 404.</summary>
public class NotFoundException(string resource, object id)
    : Exception($"{resource} '{id}' was not found.")
{
    /// <summary>The kind of resource, e.g. <c>Lead</c>.</summary>
    public string Resource { get; } = resource;
}

/// <summary>The caller can see the resource but may not perform this action on it. Mapped to 403.</summary>
public class ForbiddenException(string message) : Exception(message);

/// <summary>
/// Input failed validation; <see cref="Errors"/> names each bad field. Mapped to 400 validation
/// problem details. Thrown when validation happens deeper than the endpoint (e.g. policy loading).
/// </summary>
public class RequestValidationException(IDictionary<string, string[]> errors)
    : Exception("One or more fields are invalid: " + string.Join(", ", errors.Keys))
{
    /// <summary>Field name to the messages describing what is wrong with it.</summary>
    public IDictionary<string, string[]> Errors { get; } = errors;

    /// <summary>Convenience for a single bad field.</summary>
    public RequestValidationException(string field, string message)
        : this(new Dictionary<string, string[]> { [field] = [message] })
    {
    }
}
