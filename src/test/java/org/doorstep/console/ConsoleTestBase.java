package org.doorstep.console;

import java.net.URL;

import jakarta.inject.Inject;

import org.doorstep.support.Fixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;

import io.quarkus.test.common.http.TestHTTPResource;

/**
 * What every browser test of the console shares: one Chromium per test class, opened on first use, its
 * cookies forgotten after each test, and after each test the checks that hold for every page: no script
 * error, nothing loaded from another origin, and no serious accessibility violation (axe-core) on the screen
 * the test ends on.
 */
abstract class ConsoleTestBase {

    @TestHTTPResource("/")
    URL root;

    @Inject
    Fixtures fixtures;

    private static Browser browser;

    Browser browser() {
        if (browser == null) {
            browser = Browser.open(root);
        }
        return browser;
    }

    /** A second person at another computer: a browser of their own, closed by the caller. */
    Browser anotherBrowser() {
        return Browser.open(root);
    }

    @AfterEach
    void thePageLoggedNoErrorAndLoadedNothingFromElsewhere() {
        if (browser != null) {
            try {
                // whatever screen the test ends on is checked for accessibility too
                if (browser.driver().getCurrentUrl().startsWith(browser.origin())) {
                    browser.assertAccessible(browser.driver().getCurrentUrl());
                }
                browser.assertClean();
            } finally {
                browser.forgetCookies();
                browser.driver().get("about:blank");
            }
        }
    }

    @AfterAll
    static void closeTheBrowser() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }
}
