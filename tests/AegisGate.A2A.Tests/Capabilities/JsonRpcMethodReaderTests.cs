using System.Text;
using AegisGate.A2A.Capabilities;

namespace AegisGate.A2A.Tests.Capabilities;

public sealed class JsonRpcMethodReaderTests
{
    [TestCase("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"SendMessage\",\"params\":{\"a\":[1,{\"method\":\"x\"}]}}", "SendMessage")]
    [TestCase("{\"method\":\"tasks/get\",\"jsonrpc\":\"2.0\"}", "tasks/get")]
    [TestCase("{\"jsonrpc\":\"2.0\",\"method\":\"\\u0047etTask\"}", "GetTask")]
    public void TryRead_ValidRequest_ReturnsMethod(string json, string expected)
    {
        Assert.That(JsonRpcMethodReader.TryRead(Encoding.UTF8.GetBytes(json), out var method), Is.True);
        Assert.That(method, Is.EqualTo(expected));
    }

    [TestCase("")]
    [TestCase("null")]
    [TestCase("[]")]
    [TestCase("{\"jsonrpc\":\"2.0\"}")]
    [TestCase("{\"jsonrpc\":\"2.0\",\"method\":1}")]
    [TestCase("{\"jsonrpc\":\"2.0\",\"method\":\"A\",\"method\":\"B\"}")]
    [TestCase("{\"jsonrpc\":\"2.0\",\"jsonrpc\":\"2.0\",\"method\":\"A\"}")]
    [TestCase("{\"method\":\"A\"}")]
    [TestCase("{\"jsonrpc\":\"2.0\",\"method\":\"A\"} {}")]
    [TestCase("{\"jsonrpc\":\"2.0\",\"method\":\"A\",}")]
    [TestCase("{\"jsonrpc\":\"2.0\",\"method\":\"A\"")]
    public void TryRead_NotASingleRequest_ReturnsFalse(string json)
        => Assert.That(JsonRpcMethodReader.TryRead(Encoding.UTF8.GetBytes(json), out _), Is.False);

    [Test]
    public void TryRead_NestingBeyondLimit_ReturnsFalse()
    {
        var json = "{\"jsonrpc\":\"2.0\",\"method\":\"A\",\"p\":" + new string('[', 100) + new string(']', 100) + "}";

        Assert.That(JsonRpcMethodReader.TryRead(Encoding.UTF8.GetBytes(json), out _), Is.False);
    }
}
