using System.Net;
using System.Net.Sockets;
using System.Text;
using AegisGate.Mcp.Filtering;

namespace AegisGate.Mcp.Tests.Filtering;

/// <summary>
/// <see cref="McpSafeDialer"/>: the connection goes to the address that was checked, so a DNS answer that changes
/// between check and dial (rebinding) cannot redirect it.
/// </summary>
public sealed class SafeDialerTests
{
    [TestCase("127.0.0.1")]
    [TestCase("169.254.169.254")]
    [TestCase("fd00:ec2::254")]
    public void ConnectCallback_NameResolvingToInternalAddress_RefusesToConnect(string address)
    {
        using var client = Client(McpSafeDialer.CreateConnectCallback(new Resolver((_, _) => [IPAddress.Parse(address)])));

        var error = Assert.ThrowsAsync<HttpRequestException>(async () => await client.GetAsync(new Uri("http://rebind.example/")));

        Assert.That(Innermost(error!).HttpRequestError, Is.EqualTo(HttpRequestError.ConnectionError));
        Assert.That(Innermost(error!).Message, Does.Contain("non-public address"));
    }

    [Test]
    public void ConnectCallback_LiteralInternalAddress_RefusesWithoutResolving()
    {
        var resolver = new Resolver((_, _) => throw new AssertionException("literal addresses are not resolved"));
        using var client = Client(McpSafeDialer.CreateConnectCallback(resolver));

        var error = Assert.ThrowsAsync<HttpRequestException>(async () => await client.GetAsync(new Uri("http://169.254.169.254/latest/meta-data/")));

        Assert.That(Innermost(error!).Message, Does.Contain("non-public address"));
    }

    [Test]
    public void ConnectCallback_UnresolvableName_FailsWithNameResolutionError()
    {
        using var client = Client(McpSafeDialer.CreateConnectCallback(new Resolver((_, _) => throw new SocketException((int)SocketError.HostNotFound))));

        var error = Assert.ThrowsAsync<HttpRequestException>(async () => await client.GetAsync(new Uri("http://nxdomain.example/")));

        Assert.That(Innermost(error!).HttpRequestError, Is.EqualTo(HttpRequestError.NameResolutionError));
    }

    [Test]
    public void ConnectCallback_ResolverThatNeverAnswers_FailsAtTheResolutionTimeout()
    {
        using var client = Client(McpSafeDialer.CreateConnectCallback(new HangingResolver(), TimeSpan.FromMilliseconds(100)));

        var error = Assert.ThrowsAsync<HttpRequestException>(async () => await client.GetAsync(new Uri("http://slow.example/")));

        Assert.That(Innermost(error!).HttpRequestError, Is.EqualTo(HttpRequestError.NameResolutionError));
    }

    [Test]
    public async Task ConnectCallback_ConnectsToTheCheckedAddress_WithoutResolvingAgain()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var serve = ServeOnceAsync(listener);

        // The first answer is the (allowed) loopback listener; a second lookup would get a different address.
        var answers = 0;
        var resolver = new Resolver((_, _) => Interlocked.Increment(ref answers) == 1 ? [IPAddress.Loopback] : [IPAddress.Parse("10.9.9.9")]);
        var checkedAddresses = new List<IPAddress>();
        var callback = McpSafeDialer.CreateConnectCallbackCore(resolver, null, null, address =>
        {
            checkedAddresses.Add(address);
            return IPAddress.IsLoopback(address); // the test's "public" range is loopback, so the listener can be reached
        });
        using var client = Client(callback);

        var body = await client.GetStringAsync(new Uri($"http://service.example:{port}/"));
        await serve;

        Assert.That(body, Is.EqualTo("ok"));
        Assert.That(answers, Is.EqualTo(1), "the name was resolved once, by the check");
        Assert.That(checkedAddresses, Is.EqualTo(new[] { IPAddress.Loopback }));
    }

    [Test]
    public void CreateConnectCallback_NonPositiveTimeout_Throws()
    {
        Assert.That(() => McpSafeDialer.CreateConnectCallback(resolutionTimeout: TimeSpan.Zero), Throws.TypeOf<ArgumentOutOfRangeException>());
    }

    /// <summary>SocketsHttpHandler wraps what the connect callback throws; the callback's own exception is the innermost HttpRequestException.</summary>
    private static HttpRequestException Innermost(HttpRequestException error)
    {
        var innermost = error;
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            if (e is HttpRequestException http)
            {
                innermost = http;
            }
        }

        return innermost;
    }

    private static HttpClient Client(Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>> callback)
        => new(new SocketsHttpHandler { ConnectCallback = callback, UseProxy = false, AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(20) };

    private static async Task ServeOnceAsync(TcpListener listener)
    {
        using var socket = await listener.AcceptSocketAsync();
        using var stream = new NetworkStream(socket, ownsSocket: false);
        var buffer = new byte[4096];
        var request = new StringBuilder();
        while (!request.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer);
            if (read == 0)
            {
                break;
            }

            request.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        await stream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"));
    }

    private sealed class Resolver(Func<string, CancellationToken, IReadOnlyList<IPAddress>> answer) : IMcpHostResolver
    {
        public ValueTask<IReadOnlyList<IPAddress>> ResolveAsync(string host, CancellationToken cancellationToken) => new(answer(host, cancellationToken));
    }

    private sealed class HangingResolver : IMcpHostResolver
    {
        public ValueTask<IReadOnlyList<IPAddress>> ResolveAsync(string host, CancellationToken cancellationToken)
            => new(new TaskCompletionSource<IReadOnlyList<IPAddress>>().Task);
    }
}
