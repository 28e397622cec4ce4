using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;
using ReferralFlow.Host.Features.Demo;

namespace ReferralFlow.Browser.Tests.Infrastructure;

/// <summary>
/// The real host listening on Kestrel at a free 127.0.0.1 port, on a fresh PostgreSQL database with the demo agencies
/// and workers, a fake clock (advance <see cref="Clock"/> to make tasks overdue) and no Hangfire server (jobs are run
/// explicitly through <see cref="Services"/>), plus one headless Chromium (Debian's <c>/usr/bin/chromium</c>).
/// Use as a class fixture: <c>IClassFixture&lt;BrowserHostFixture&gt;</c>.
/// </summary>
public class BrowserHostFixture(PostgresClusterFixture cluster) : IAsyncLifetime
{
    public static readonly DateTimeOffset T0 = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);

    private WebApplicationFactory<Program>? _factory;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public FakeTimeProvider Clock { get; } = new(T0);

    /// <summary>E.g. <c>http://127.0.0.1:41234</c> (no trailing slash).</summary>
    public string BaseUrl { get; private set; } = "";

    public string ConnectionString { get; private set; } = "";

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("Not started.");

    /// <summary>The host's services (create a scope to run a sweep or read the database).</summary>
    public IServiceProvider Services => (_factory ?? throw new InvalidOperationException("Not started.")).Services;

    /// <summary>
    /// Where <see cref="ScreenshotAsync"/> writes: <c>artifacts/screenshots</c> at the repository root (the test output
    /// directory is five levels below it), so CI keeps one stable folder of the key pages.
    /// </summary>
    public static string ScreenshotDirectory { get; } =
        Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../..", "artifacts", "screenshots"));

    public async ValueTask InitializeAsync()
    {
        ConnectionString = await cluster.Server.CreateDatabaseAsync($"browser_{Guid.NewGuid():N}", TestContext.Current.CancellationToken);
        var port = FreePort();
        BaseUrl = $"http://127.0.0.1:{port}";
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Testing");
            builder.UseUrls(BaseUrl);
            builder.UseSetting("Database:Provider", "PostgreSql");
            builder.UseSetting("ConnectionStrings:ReferralFlow", ConnectionString);
            builder.UseSetting("Demo:Seed", "true");
            builder.UseSetting("Jobs:Enabled", "false");
            builder.UseSetting("Auth:SignInsPerMinute", "1000");
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore", "None");
            ConfigureHost(builder);
            builder.ConfigureServices(services =>
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton<TimeProvider>(Clock);
            });
        });
        _factory.UseKestrel(o => o.Listen(IPAddress.Loopback, port));
        _factory.StartServer();

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath(),
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"],
        });
    }

    /// <summary>Extra settings for a derived fixture.</summary>
    protected virtual void ConfigureHost(IWebHostBuilder builder)
    {
    }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _authenticatorKeys = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// A page in a fresh browser context (own cookies) at <see cref="BaseUrl"/>, signed in as a demo worker through the
    /// cookie sign-in API when <paramref name="login"/> is given (the email's local part, e.g. <c>nangok-dong.worker</c>).
    /// <paramref name="language"/> sets the <c>lang</c> cookie (<c>ko</c> default, <c>en</c>).
    /// </summary>
    public async Task<IPage> NewPageAsync(string? login = null, string? language = null, ViewportSize? viewport = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            Locale = language == "en" ? "en-US" : "ko-KR",
            ViewportSize = viewport ?? new ViewportSize { Width = 1280, Height = 900 },
        });
        context.SetDefaultTimeout(15_000);
        if (language is not null)
        {
            await context.AddCookiesAsync([new Microsoft.Playwright.Cookie { Name = "lang", Value = language, Url = BaseUrl }]);
        }

        if (login is not null)
        {
            var email = DemoData.Email(login);
            // Password hashing is deliberately slow; on a loaded 2-core machine the first sign-ins of a class wait behind it.
            var response = await context.APIRequest.PostAsync("/api/auth/login?useCookies=true", new APIRequestContextOptions
            {
                Timeout = 60_000,
                DataObject = new { email, password = DemoData.Password, twoFactorCode = _authenticatorKeys.TryGetValue(email, out var key) ? Totp.Now(key) : null },
            });
            if (!response.Ok)
            {
                throw new InvalidOperationException($"Sign-in of {login} failed: {response.Status} {await response.TextAsync()}");
            }

            await EnrolIfRequiredAsync(context.APIRequest, email);
        }

        return await context.NewPageAsync();
    }

    // Accounts that must use two-factor sign-in (administrators; case readers where the district requires it) set up an
    // authenticator at their first sign-in, as their worker would; later sign-ins give its code.
    private async Task EnrolIfRequiredAsync(IAPIRequestContext api, string email)
    {
        var status = await (await api.GetAsync("/api/auth/two-factor")).JsonAsync();
        if (status is not { } s || !s.GetProperty("required").GetBoolean() || s.GetProperty("enabled").GetBoolean())
        {
            return;
        }

        var setup = await (await api.PostAsync("/api/auth/two-factor/authenticator")).JsonAsync();
        var key = setup!.Value.GetProperty("sharedKey").GetString()!;
        var verified = await api.PostAsync("/api/auth/two-factor/authenticator/verify", new APIRequestContextOptions { DataObject = new { code = Totp.Now(key) } });
        if (!verified.Ok)
        {
            throw new InvalidOperationException($"Two-factor enrolment of {email} failed: {verified.Status} {await verified.TextAsync()}");
        }

        _authenticatorKeys[email] = key;
    }

    /// <summary>Saves a full-page PNG as <c>artifacts/screenshots/{name}.png</c> and returns its path.</summary>
    public static async Task<string> ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        var path = Path.Combine(ScreenshotDirectory, $"{name}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    public virtual async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    private static string ChromiumPath()
    {
        var configured = Environment.GetEnvironmentVariable("REFERRALFLOW_CHROMIUM");
        if (!string.IsNullOrEmpty(configured))
        {
            return configured;
        }

        return File.Exists("/usr/bin/chromium") ? "/usr/bin/chromium" : "/usr/bin/chromium-browser";
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
