using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace AegisGate.Secrets;

/// <summary>Why a Vault request failed.</summary>
internal enum VaultFailure
{
    /// <summary>403: the token is missing, expired or lacks the policy.</summary>
    Forbidden,

    /// <summary>404: nothing at the path.</summary>
    NotFound,

    /// <summary>503: sealed, or standby without forwarding.</summary>
    Sealed,

    /// <summary>Another 4xx/5xx answer.</summary>
    Error,

    /// <summary>No answer within <see cref="VaultOptions.Timeout"/>.</summary>
    Timeout,

    /// <summary>The connection failed (DNS, refused, TLS).</summary>
    Transport,

    /// <summary>The answer was not the JSON Vault documents.</summary>
    Malformed,
}

/// <summary>A failed Vault request. The message holds the status and Vault's error strings (which never carry secret values), never tokens.</summary>
internal sealed class VaultException(VaultFailure failure, int? statusCode, string reason, Exception? inner = null)
    : Exception(reason, inner)
{
    public VaultFailure Failure { get; } = failure;

    public int? StatusCode { get; } = statusCode;
}

/// <summary>
/// A minimal client for Vault's HTTP API (<c>/v1/...</c>): token or AppRole authentication, token renewal
/// (<c>auth/token/renew-self</c> after two thirds of the TTL, re-login when an AppRole token cannot be renewed),
/// KV version 2 reads and Transit encrypt/decrypt. Requests go through <see cref="IHttpClientFactory"/>
/// (client <see cref="HttpClientName"/>), carry <c>X-Vault-Token</c>, <c>X-Vault-Request</c> and
/// <c>X-Vault-Namespace</c>, and are bounded in time and size.
/// </summary>
internal sealed class VaultClient : IDisposable
{
    public const string HttpClientName = "AegisGate.Vault";
    public const int MaxResponseBytes = 1024 * 1024;

    private readonly IHttpClientFactory _httpClientFactory;
    private readonly VaultOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _authLock = new(1, 1);
    private volatile TokenState? _token;

    public VaultClient(IHttpClientFactory httpClientFactory, VaultOptions options, TimeProvider timeProvider, ILogger<VaultClient> logger)
    {
        ArgumentNullException.ThrowIfNull(httpClientFactory);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Address);
        _httpClientFactory = httpClientFactory;
        _options = options;
        _timeProvider = timeProvider;
        _logger = logger;
        BaseAddress = new Uri(options.Address.TrimEnd('/') + "/", UriKind.Absolute);
    }

    public Uri BaseAddress { get; }

    public void Dispose() => _authLock.Dispose();

    public VaultOptions Options => _options;

    /// <summary>Reads a KV v2 secret: <c>GET /v1/&lt;mount&gt;/data/&lt;path&gt;</c>.</summary>
    /// <returns>The <c>data.data</c> object, the version and Vault's lease duration.</returns>
    public async Task<KvSecret> ReadKvAsync(string path, CancellationToken cancellationToken)
    {
        using var document = await SendAsync(HttpMethod.Get, $"v1/{_options.KvMount}/data/{EscapePath(path)}", body: null, authenticated: true, cancellationToken).ConfigureAwait(false);
        var root = document.RootElement;
        if (!root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object
            || !data.TryGetProperty("data", out var values) || values.ValueKind != JsonValueKind.Object)
        {
            throw new VaultException(VaultFailure.Malformed, 200, "Vault's KV answer has no data.data object (is the mount KV version 2?).");
        }

        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in values.EnumerateObject())
        {
            fields[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
        }

        string? version = null;
        if (data.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object
            && metadata.TryGetProperty("version", out var v) && v.ValueKind == JsonValueKind.Number)
        {
            version = v.GetRawText();
        }

        var lease = root.TryGetProperty("lease_duration", out var leaseElement) && leaseElement.ValueKind == JsonValueKind.Number && leaseElement.TryGetInt64(out var seconds) && seconds > 0
            ? TimeSpan.FromSeconds(seconds)
            : (TimeSpan?)null;
        return new KvSecret(fields, version, lease);
    }

    /// <summary>Encrypts with a Transit key: <c>POST /v1/&lt;transit&gt;/encrypt/&lt;key&gt;</c>.</summary>
    /// <returns>Vault's ciphertext (<c>vault:vN:…</c>).</returns>
    public async Task<string> TransitEncryptAsync(string keyName, byte[] plaintext, CancellationToken cancellationToken)
    {
        using var document = await SendAsync(
            HttpMethod.Post,
            $"v1/{_options.TransitMount}/encrypt/{EscapeSegment(keyName)}",
            writer => writer.WriteString("plaintext", Convert.ToBase64String(plaintext)),
            authenticated: true,
            cancellationToken).ConfigureAwait(false);
        if (document.RootElement.TryGetProperty("data", out var data) && data.TryGetProperty("ciphertext", out var ciphertext)
            && ciphertext.ValueKind == JsonValueKind.String && ciphertext.GetString() is { Length: > 0 } text && text.StartsWith("vault:", StringComparison.Ordinal))
        {
            return text;
        }

        throw new VaultException(VaultFailure.Malformed, 200, "Vault's Transit answer has no data.ciphertext.");
    }

    /// <summary>Decrypts with a Transit key: <c>POST /v1/&lt;transit&gt;/decrypt/&lt;key&gt;</c>.</summary>
    /// <returns>The plaintext bytes.</returns>
    public async Task<byte[]> TransitDecryptAsync(string keyName, string ciphertext, CancellationToken cancellationToken)
    {
        using var document = await SendAsync(
            HttpMethod.Post,
            $"v1/{_options.TransitMount}/decrypt/{EscapeSegment(keyName)}",
            writer => writer.WriteString("ciphertext", ciphertext),
            authenticated: true,
            cancellationToken).ConfigureAwait(false);
        if (document.RootElement.TryGetProperty("data", out var data) && data.TryGetProperty("plaintext", out var plaintext) && plaintext.ValueKind == JsonValueKind.String)
        {
            try
            {
                return Convert.FromBase64String(plaintext.GetString()!);
            }
            catch (FormatException ex)
            {
                throw new VaultException(VaultFailure.Malformed, 200, "Vault's Transit plaintext is not base64.", ex);
            }
        }

        throw new VaultException(VaultFailure.Malformed, 200, "Vault's Transit answer has no data.plaintext.");
    }

    internal static string EscapePath(string path)
        => string.Join('/', path.Split('/').Select(Uri.EscapeDataString));

    private static string EscapeSegment(string segment) => Uri.EscapeDataString(segment);

    private async Task<JsonDocument> SendAsync(HttpMethod method, string relativePath, Action<Utf8JsonWriter>? body, bool authenticated, CancellationToken cancellationToken)
    {
        if (!authenticated)
        {
            return await SendOnceAsync(method, relativePath, body, token: null, cancellationToken).ConfigureAwait(false);
        }

        var token = await EnsureTokenAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await SendOnceAsync(method, relativePath, body, token.Token, cancellationToken).ConfigureAwait(false);
        }
        catch (VaultException ex) when (ex.Failure == VaultFailure.Forbidden)
        {
            // The token may have been revoked or expired underneath us: one retry with a fresh login (AppRole) or a
            // re-read token file. Without a fresh token the 403 stands.
            var fresh = await TryRefreshAfterForbiddenAsync(token, cancellationToken).ConfigureAwait(false);
            if (fresh is null)
            {
                throw;
            }

            return await SendOnceAsync(method, relativePath, body, fresh.Token, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<JsonDocument> SendOnceAsync(HttpMethod method, string relativePath, Action<Utf8JsonWriter>? body, string? token, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_options.Timeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        using var request = new HttpRequestMessage(method, new Uri(BaseAddress, relativePath));
        request.Headers.TryAddWithoutValidation("X-Vault-Request", "true");
        if (token is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Vault-Token", token);
        }

        if (!string.IsNullOrWhiteSpace(_options.Namespace))
        {
            request.Headers.TryAddWithoutValidation("X-Vault-Namespace", _options.Namespace);
        }

        if (body is not null)
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                body(writer);
                writer.WriteEndObject();
            }

            request.Content = new ByteArrayContent(buffer.ToArray());
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        var operation = method.Method + " /" + string.Join('/', relativePath.Split('/').Take(3));
        byte[] content;
        HttpStatusCode status;
        try
        {
            var client = _httpClientFactory.CreateClient(HttpClientName);
            client.MaxResponseContentBufferSize = MaxResponseBytes;
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, linked.Token).ConfigureAwait(false);
            status = response.StatusCode;
            content = await response.Content.ReadAsByteArrayAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            _logger.VaultRequestFailed(operation, 0, "timeout");
            throw new VaultException(VaultFailure.Timeout, null, $"Vault did not answer within {_options.Timeout.TotalSeconds:0.###} s.", ex);
        }
        catch (HttpRequestException ex)
        {
            _logger.VaultRequestFailed(operation, 0, "transport");
            throw new VaultException(VaultFailure.Transport, null, "Vault could not be reached or its answer was too large (" + ex.HttpRequestError + ").", ex);
        }

        if ((int)status is >= 200 and < 300)
        {
            if (content.Length == 0)
            {
                return JsonDocument.Parse("{}");
            }

            try
            {
                return JsonDocument.Parse(content, new JsonDocumentOptions { MaxDepth = 32 });
            }
            catch (JsonException ex)
            {
                throw new VaultException(VaultFailure.Malformed, (int)status, "Vault's answer is not JSON.", ex);
            }
        }

        var errors = ReadErrors(content);
        var failure = status switch
        {
            HttpStatusCode.Forbidden => VaultFailure.Forbidden,
            HttpStatusCode.NotFound => VaultFailure.NotFound,
            HttpStatusCode.ServiceUnavailable => VaultFailure.Sealed,
            _ => VaultFailure.Error,
        };
        var reason = failure switch
        {
            VaultFailure.Forbidden => "Vault denied access (403)",
            VaultFailure.NotFound => "Vault has nothing at the path (404)",
            VaultFailure.Sealed => "Vault is sealed or unavailable (503)",
            _ => $"Vault answered {(int)status}",
        };
        if (errors.Length > 0)
        {
            reason += ": " + errors;
        }

        _logger.VaultRequestFailed(operation, (int)status, errors);
        throw new VaultException(failure, (int)status, reason + ".");
    }

    private static string ReadErrors(byte[] content)
    {
        // Vault's documented error body: {"errors":["message", ...]}. Keep it short and printable.
        try
        {
            using var document = JsonDocument.Parse(content);
            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array)
            {
                var text = string.Join("; ", errors.EnumerateArray().Where(static e => e.ValueKind == JsonValueKind.String).Select(static e => e.GetString()).Take(3));
                var builder = new StringBuilder(Math.Min(text.Length, 200));
                foreach (var c in text.AsSpan(0, Math.Min(text.Length, 200)))
                {
                    builder.Append(char.IsControl(c) ? ' ' : c);
                }

                return builder.ToString();
            }
        }
        catch (JsonException)
        {
        }

        return string.Empty;
    }

    private async Task<TokenState> EnsureTokenAsync(CancellationToken cancellationToken)
    {
        var current = _token;
        var now = _timeProvider.GetUtcNow();
        if (current is not null && (current.RenewAt is null || now < current.RenewAt))
        {
            return current;
        }

        await _authLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            current = _token;
            now = _timeProvider.GetUtcNow();
            if (current is not null && (current.RenewAt is null || now < current.RenewAt))
            {
                return current;
            }

            _token = current is null ? await AuthenticateAsync(cancellationToken).ConfigureAwait(false) : await RenewAsync(current, cancellationToken).ConfigureAwait(false);
            return _token;
        }
        finally
        {
            _authLock.Release();
        }
    }

    private async Task<TokenState?> TryRefreshAfterForbiddenAsync(TokenState failed, CancellationToken cancellationToken)
    {
        if (_options.AuthMethod == VaultAuthMethod.Token && string.IsNullOrWhiteSpace(_options.TokenFile))
        {
            return null;
        }

        await _authLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_token is { } current && !ReferenceEquals(current, failed))
            {
                return current;
            }

            var fresh = await AuthenticateAsync(cancellationToken).ConfigureAwait(false);
            if (string.Equals(fresh.Token, failed.Token, StringComparison.Ordinal))
            {
                return null;
            }

            _token = fresh;
            return fresh;
        }
        catch (VaultException)
        {
            return null;
        }
        finally
        {
            _authLock.Release();
        }
    }

    private async Task<TokenState> AuthenticateAsync(CancellationToken cancellationToken)
    {
        if (_options.AuthMethod == VaultAuthMethod.AppRole)
        {
            var secretId = !string.IsNullOrWhiteSpace(_options.SecretId) ? _options.SecretId : await ReadCredentialFileAsync(_options.SecretIdFile!, "AppRole secret id", cancellationToken).ConfigureAwait(false);
            using var login = await SendOnceAsync(
                HttpMethod.Post,
                $"v1/auth/{_options.AppRoleMount}/login",
                writer =>
                {
                    writer.WriteString("role_id", _options.RoleId);
                    writer.WriteString("secret_id", secretId);
                },
                token: null,
                cancellationToken).ConfigureAwait(false);
            var state = ReadAuth(login.RootElement, "AppRole login");
            _logger.VaultAuthenticated("approle", (long)(state.Ttl?.TotalSeconds ?? 0));
            return state;
        }

        var token = !string.IsNullOrWhiteSpace(_options.Token) ? _options.Token.Trim() : await ReadCredentialFileAsync(_options.TokenFile!, "token", cancellationToken).ConfigureAwait(false);
        if (!_options.RenewToken)
        {
            return new TokenState(token, null, null, false);
        }

        // Learn the token's TTL so it can be renewed in time (root and periodic tokens without TTL need no renewal).
        using var lookup = await SendOnceAsync(HttpMethod.Get, "v1/auth/token/lookup-self", body: null, token, cancellationToken).ConfigureAwait(false);
        var data = lookup.RootElement.TryGetProperty("data", out var d) ? d : default;
        var ttl = data.ValueKind == JsonValueKind.Object && data.TryGetProperty("ttl", out var t) && t.ValueKind == JsonValueKind.Number && t.TryGetInt64(out var s) && s > 0 ? TimeSpan.FromSeconds(s) : (TimeSpan?)null;
        var renewable = data.ValueKind == JsonValueKind.Object && data.TryGetProperty("renewable", out var r) && r.ValueKind == JsonValueKind.True;
        _logger.VaultAuthenticated("token", (long)(ttl?.TotalSeconds ?? 0));
        return Schedule(token, ttl, renewable);
    }

    private async Task<TokenState> RenewAsync(TokenState current, CancellationToken cancellationToken)
    {
        if (current.Renewable && _options.RenewToken)
        {
            try
            {
                using var renewed = await SendOnceAsync(HttpMethod.Post, "v1/auth/token/renew-self", body: static _ => { }, current.Token, cancellationToken).ConfigureAwait(false);
                var state = ReadAuth(renewed.RootElement, "token renewal");
                _logger.VaultTokenRenewed((long)(state.Ttl?.TotalSeconds ?? 0));
                return state;
            }
            catch (VaultException ex)
            {
                _logger.VaultTokenRenewalFailed(ex.StatusCode ?? 0, ex.Failure.ToString());
                if (_options.AuthMethod != VaultAuthMethod.AppRole)
                {
                    if (ex.Failure is VaultFailure.Forbidden && !string.IsNullOrWhiteSpace(_options.TokenFile))
                    {
                        return await AuthenticateAsync(cancellationToken).ConfigureAwait(false);
                    }

                    // Keep using the token until Vault refuses it; try renewing again at the next request.
                    return current;
                }
            }
        }

        // AppRole: log in again when the token cannot be (or could not be) renewed. A static token is used as is.
        return _options.AuthMethod == VaultAuthMethod.AppRole ? await AuthenticateAsync(cancellationToken).ConfigureAwait(false) : current with { RenewAt = null };
    }

    private TokenState ReadAuth(JsonElement root, string what)
    {
        if (!root.TryGetProperty("auth", out var auth) || auth.ValueKind != JsonValueKind.Object
            || !auth.TryGetProperty("client_token", out var tokenElement) || tokenElement.ValueKind != JsonValueKind.String
            || tokenElement.GetString() is not { Length: > 0 } token)
        {
            throw new VaultException(VaultFailure.Malformed, 200, $"Vault's {what} answer has no auth.client_token.");
        }

        var ttl = auth.TryGetProperty("lease_duration", out var lease) && lease.ValueKind == JsonValueKind.Number && lease.TryGetInt64(out var seconds) && seconds > 0
            ? TimeSpan.FromSeconds(seconds)
            : (TimeSpan?)null;
        var renewable = auth.TryGetProperty("renewable", out var r) && r.ValueKind == JsonValueKind.True;
        return Schedule(token, ttl, renewable);
    }

    private TokenState Schedule(string token, TimeSpan? ttl, bool renewable)
    {
        var now = _timeProvider.GetUtcNow();
        return new TokenState(token, ttl is { } t ? now + (t * 2 / 3) : null, ttl, renewable);
    }

    private static async Task<string> ReadCredentialFileAsync(string path, string what, CancellationToken cancellationToken)
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists || info.Length > 16 * 1024)
            {
                throw new VaultException(VaultFailure.Forbidden, null, $"The Vault {what} file is missing or too large.");
            }

            var text = (await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false)).Trim();
            return text.Length > 0 ? text : throw new VaultException(VaultFailure.Forbidden, null, $"The Vault {what} file is empty.");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new VaultException(VaultFailure.Forbidden, null, $"The Vault {what} file could not be read ({ex.GetType().Name}).", ex);
        }
    }

    private sealed record TokenState(string Token, DateTimeOffset? RenewAt, TimeSpan? Ttl, bool Renewable)
    {
        // Never print the token.
        public override string ToString() => $"TokenState(renewAt={RenewAt:O}, ttl={Ttl}, renewable={Renewable})";
    }
}

/// <summary>A KV v2 secret: its fields, version and Vault's lease duration (usually none for KV).</summary>
internal sealed record KvSecret(IReadOnlyDictionary<string, string> Fields, string? Version, TimeSpan? LeaseDuration)
{
    public override string ToString() => $"KvSecret(fields={Fields.Count}, version={Version})";
}
