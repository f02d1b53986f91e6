using System.Net;
using System.Text.Json;

namespace AegisGate.AspNetCore.Tests.Support;

internal static class ProblemAssert
{
    /// <summary>Asserts a problem+json denial with the status and code, and returns the body.</summary>
    public static async Task<JsonElement> IsDeniedAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var body = await response.Content.ReadAsStringAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(status), body);
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"), body);
        }

        var json = JsonDocument.Parse(body).RootElement.Clone();
        Assert.That(json.GetProperty("code").GetString(), Is.EqualTo(code), body);
        Assert.That(body, Does.Not.Contain(FakeScanner.Secret), "a denial never echoes the secret");
        return json;
    }
}
