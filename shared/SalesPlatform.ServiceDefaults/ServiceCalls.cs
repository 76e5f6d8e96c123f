using Grpc.Core;

namespace SalesPlatform.ServiceDefaults;

/// <summary>
/// Another service could not answer (down, too slow, refusing) while a request needed it: the request gets 503 problem details with
/// <c>Retry-After</c> (code <c>&lt;service&gt;.unavailable</c>), before anything was written. ADR 19.
/// </summary>
public class DependencyUnavailableException(string service, string message, Exception inner) : Exception(message, inner)
{
    /// <summary>The service that did not answer (<c>customers</c>).</summary>
    public string Service { get; } = service;
}

/// <summary>One way to call another service over gRPC: the caller passes a deadline; transport failures become <see cref="DependencyUnavailableException"/>.</summary>
public static class ServiceCalls
{
    /// <summary>Makes one call to <paramref name="service"/>; NOT_FOUND and other answers pass through as <see cref="RpcException"/>.</summary>
    public static async Task<T> CallAsync<T>(string service, Func<AsyncUnaryCall<T>> call, Func<string, Exception, DependencyUnavailableException>? wrap = null)
    {
        wrap ??= (message, inner) => new DependencyUnavailableException(service, message, inner);
        try
        {
            return await call();
        }
        catch (RpcException e) when (e.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded
                                         or StatusCode.Internal or StatusCode.Unknown or StatusCode.ResourceExhausted)
        {
            throw wrap($"{service} did not answer ({e.StatusCode}): {e.Status.Detail}", e);
        }
        catch (HttpRequestException e)
        {
            throw wrap($"{service} is unreachable: " + e.Message, e);
        }
    }
}
