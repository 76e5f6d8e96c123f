using System.Net;
using System.Net.Sockets;

namespace SalesPlatform.Identity.Tests.Hosting;

/// <summary>Free TCP ports on 127.0.0.1 for hosts that must listen for real (Kestrel).</summary>
public static class LoopbackPorts
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static Uri NextAddress() => new($"http://127.0.0.1:{Next()}");
}
