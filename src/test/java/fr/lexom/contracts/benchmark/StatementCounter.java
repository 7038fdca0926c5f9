package fr.lexom.contracts.benchmark;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** Counts the SQL statements the app and the engine execute, by wrapping the DataSource (benchmark only). */
@TestConfiguration(proxyBeanMethods = false)
class StatementCounter {

    static final AtomicLong STATEMENTS = new AtomicLong();
    /** Statements by SQL text (whitespace collapsed), to tell where a lifecycle's statements go. */
    static final java.util.concurrent.ConcurrentHashMap<String, java.util.concurrent.atomic.LongAdder> BY_SQL =
            new java.util.concurrent.ConcurrentHashMap<>();
    /** Only when profiling (-Dbenchmark.sqlprofile): keeping the text costs the JVM time the figures would include. */
    static volatile boolean byText;
    /**
     * Off during the timed rounds: a connection taken then is the pool's own, without the proxies, whose reflective
     * calls would cost the JVM time in proportion to the statements (more for the real lifecycle than the skeleton).
     */
    static volatile boolean counting = true;
    private static final Set<String> EXECUTE = Set.of("execute", "executeQuery", "executeUpdate", "executeLargeUpdate");

    @Bean
    static BeanPostProcessor countingDataSource() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (bean instanceof DataSource dataSource && !(Proxy.isProxyClass(bean.getClass()))) {
                    return proxy(DataSource.class, dataSource, (p, method, args) -> {
                        Object result = invoke(method, dataSource, args);
                        return result instanceof Connection c && counting ? connection(c) : result;
                    });
                }
                return bean;
            }
        };
    }

    private static Connection connection(Connection target) {
        return proxy(Connection.class, target, (p, method, args) -> {
            Object result = invoke(method, target, args);
            String sql = method.getName().startsWith("prepare") && args != null && args.length > 0 && args[0] instanceof String text ? text : null;
            return result instanceof Statement s ? statement(s, sql) : result;
        });
    }

    private static void count(String sql, long n) {
        STATEMENTS.addAndGet(n);
        if (byText && sql != null) {
            BY_SQL.computeIfAbsent(sql.replaceAll("\\s+", " ").trim(), k -> new java.util.concurrent.atomic.LongAdder()).add(n);
        }
    }

    private static Statement statement(Statement target, String prepared) {
        Class<? extends Statement> type = target instanceof java.sql.CallableStatement ? java.sql.CallableStatement.class
                : target instanceof java.sql.PreparedStatement ? java.sql.PreparedStatement.class : Statement.class;
        return proxy(type, target, (p, method, args) -> {
            if (EXECUTE.contains(method.getName())) {
                count(args != null && args.length > 0 && args[0] instanceof String sql ? sql : prepared, 1);
            } else if (method.getName().equals("executeBatch")) {
                Object result = invoke(method, target, args);
                count(prepared, ((int[]) result).length);
                return result;
            }
            return invoke(method, target, args);
        });
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<? extends T> type, T target, InvocationHandler handler) {
        return (T) Proxy.newProxyInstance(StatementCounter.class.getClassLoader(), new Class<?>[] {type}, handler);
    }

    private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
