package fr.lexom.contracts.support;

import fr.lexom.contracts.security.LoginThrottle;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * Every test starts with the login throttle's memory empty. All the tests' requests come from 127.0.0.1 and share one
 * application: the wrong passwords some tests send on purpose (an unknown user, a wrong guess) add up, and past the
 * per-address limit (20 in 15 minutes) every later login from 127.0.0.1, a browser journey's included, would be
 * refused for 15 minutes. The tests of the throttle itself set up what they need.
 */
public class FreshLoginThrottle implements BeforeEachCallback {

    @Override
    public void beforeEach(ExtensionContext context) {
        SpringExtension.getApplicationContext(context).getBean(LoginThrottle.class).reset();
    }
}
