using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Petitions.Testing;

/// <summary>
/// Debian's nginx, terminating TLS with a certificate made here, in front of site processes, as the operations guide
/// sets it up: it passes the client's address in X-Forwarded-For and the scheme in X-Forwarded-Proto.
/// </summary>
public sealed class ReverseProxy : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _folder;

    private readonly string _thumbprint;

    private ReverseProxy(Process process, string folder, int port, string thumbprint)
    {
        _process = process;
        _folder = folder;
        _thumbprint = thumbprint;
        Root = new Uri($"https://127.0.0.1:{port}/");
    }

    public Uri Root { get; }

    public static async Task<ReverseProxy> StartAsync(IEnumerable<Uri> upstreams)
    {
        var nginx = File.Exists("/usr/sbin/nginx") ? "/usr/sbin/nginx"
            : throw new InvalidOperationException("nginx is not installed (./petitions test installs Debian's nginx-light).");
        var folder = Directory.CreateTempSubdirectory("petitions-nginx-").FullName;
        string thumbprint;
        using (var key = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            var names = new SubjectAlternativeNameBuilder();
            names.AddIpAddress(IPAddress.Loopback);
            request.CertificateExtensions.Add(names.Build());
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
            thumbprint = certificate.GetCertHashString(HashAlgorithmName.SHA256);
            await File.WriteAllTextAsync(Path.Combine(folder, "cert.pem"), certificate.ExportCertificatePem());
            await File.WriteAllTextAsync(Path.Combine(folder, "key.pem"), key.ExportPkcs8PrivateKeyPem());
        }
        var port = SiteProcess.FreePort();
        var servers = string.Join('\n', upstreams.Select(u => $"    server {u.Host}:{u.Port};"));
        await File.WriteAllTextAsync(Path.Combine(folder, "nginx.conf"), $$"""
            {{(Environment.UserName == "root" ? "user root;" : "")}}
            worker_processes 1;
            pid {{folder}}/nginx.pid;
            error_log {{folder}}/error.log warn;
            events { worker_connections 256; }
            http {
              access_log off;
              client_body_temp_path {{folder}}/body;
              proxy_temp_path {{folder}}/proxy;
              fastcgi_temp_path {{folder}}/fastcgi;
              uwsgi_temp_path {{folder}}/uwsgi;
              scgi_temp_path {{folder}}/scgi;
              upstream petitions {
            {{servers}}
              }
              server {
                listen 127.0.0.1:{{port}} ssl;
                ssl_certificate {{folder}}/cert.pem;
                ssl_certificate_key {{folder}}/key.pem;
                client_max_body_size 220m;
                location / {
                  proxy_pass http://petitions;
                  proxy_set_header Host $host;
                  proxy_set_header X-Forwarded-For $remote_addr;
                  proxy_set_header X-Forwarded-Proto $scheme;
                }
              }
            }
            """);
        var start = new ProcessStartInfo(nginx)
        {
            ArgumentList = { "-p", folder, "-c", Path.Combine(folder, "nginx.conf"), "-g", "daemon off;" },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        var proxy = new ReverseProxy(Process.Start(start)!, folder, port, thumbprint);
        await Wait.UntilAsync(async () =>
        {
            if (proxy._process.HasExited)
            {
                throw new InvalidOperationException("nginx stopped: " + await proxy._process.StandardError.ReadToEndAsync());
            }
            using var tcp = new TcpClient();
            try
            {
                await tcp.ConnectAsync(IPAddress.Loopback, port);
                return true;
            }
            catch (SocketException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(20));
        return proxy;
    }

    /// <summary>
    /// A client whose connections come from <paramref name="from"/> (any 127.x.y.z address is this machine), so two
    /// clients behind the proxy are two different people to the site. Only the certificate made for this proxy is trusted.
    /// <paramref name="root"/> defaults to the proxy; an instance's own address reaches it directly.
    /// </summary>
    public HttpClient ClientFrom(string from, Uri? root = null, CookieContainer? cookies = null)
    {
        var client = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            CookieContainer = cookies ?? new CookieContainer(),
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                    certificate is not null && new X509Certificate2(certificate).GetCertHashString(HashAlgorithmName.SHA256) == _thumbprint,
            },
            ConnectCallback = async (context, ct) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                socket.Bind(new IPEndPoint(IPAddress.Parse(from), 0));
                await socket.ConnectAsync(context.DnsEndPoint, ct);
                return new NetworkStream(socket, ownsSocket: true);
            },
        }) { BaseAddress = root ?? Root };
        // The site's public name, not a loopback address (which HSTS leaves out, as a browser would).
        client.DefaultRequestHeaders.Host = "petitions.example";
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
